-- Marketplace shops and their offers (seed 004's ShopService). Portable SQL, as elsewhere.

CREATE TABLE shop (
    shop_id       TEXT PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    description   TEXT NOT NULL,
    address       TEXT NOT NULL,
    latitude      DOUBLE PRECISION NOT NULL,
    longitude     DOUBLE PRECISION NOT NULL,
    -- The accounts customer (role SELLER) who runs it.
    owner_id      TEXT NOT NULL,
    -- Free text such as "Mo-Su 10:00-22:00".
    opening_hours TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

CREATE INDEX shop_owner_idx ON shop (owner_id);

-- A shop selling a catalog product at its own price. Units on hand live in inventory.
CREATE TABLE offer (
    offer_id       TEXT PRIMARY KEY,
    shop_id        TEXT NOT NULL REFERENCES shop (shop_id),
    product_id     TEXT NOT NULL,
    price_amount   BIGINT NOT NULL CHECK (price_amount >= 0),
    price_currency TEXT NOT NULL,
    active         BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    removed        BIGINT NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- One live offer per shop and product.
CREATE UNIQUE INDEX offer_shop_product_idx ON offer (shop_id, product_id) WHERE removed = 0;
CREATE INDEX offer_product_idx ON offer (product_id);

-- What shops knows of catalog products, kept from catalog's events.
CREATE TABLE product_ref (
    product_id TEXT PRIMARY KEY,
    archived   BIGINT NOT NULL CHECK (archived IN (0, 1))
);

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
