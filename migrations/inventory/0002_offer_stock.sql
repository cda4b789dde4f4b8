-- Stock moves from products to offers (shop × product); reservations hold units of offers
-- for an order until committed, released or expired. The CHECKs are the last line against
-- overselling: an update that would break them fails.
DROP TABLE stock_item;

CREATE TABLE offer_stock (
    offer_id   TEXT PRIMARY KEY,
    product_id TEXT NOT NULL,
    shop_id    TEXT NOT NULL,
    -- The shop's owner, from shops' events: who may restock.
    owner_id   TEXT NOT NULL,
    on_hand    BIGINT NOT NULL CHECK (on_hand >= 0),
    reserved   BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    -- Removed or deactivated offers sell nothing.
    sellable   BIGINT NOT NULL DEFAULT 1 CHECK (sellable IN (0, 1)),
    updated_at TEXT NOT NULL
);

CREATE INDEX offer_stock_product_idx ON offer_stock (product_id);

-- One row per order: HELD until COMMITTED (stock leaves) or RELEASED (stock returns).
CREATE TABLE reservation (
    order_id   TEXT PRIMARY KEY,
    status     TEXT NOT NULL CHECK (status IN ('HELD', 'COMMITTED', 'RELEASED')),
    expires_at TEXT NOT NULL,
    -- Fingerprint of the lines, so a replay with other lines is a conflict.
    lines_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX reservation_expiry_idx ON reservation (status, expires_at);

CREATE TABLE reservation_line (
    order_id TEXT NOT NULL REFERENCES reservation (order_id),
    offer_id TEXT NOT NULL REFERENCES offer_stock (offer_id),
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, offer_id)
);

-- Every change of on_hand, with why and who: the audit trail.
CREATE TABLE stock_movement (
    movement_id TEXT PRIMARY KEY,
    offer_id    TEXT NOT NULL,
    delta       BIGINT NOT NULL,
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE INDEX stock_movement_offer_idx ON stock_movement (offer_id, created_at);

CREATE TABLE outbox (
    event_id     TEXT PRIMARY KEY,
    topic        TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    published_at TEXT
);
CREATE INDEX outbox_pending_idx ON outbox (published_at, created_at);

CREATE TABLE processed_event (
    consumer     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
