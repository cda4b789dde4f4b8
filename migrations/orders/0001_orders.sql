-- Orders and the checkout saga that makes them. The saga's state lives in the order row
-- (saga_step), so whichever process finds an unfinished saga resumes it.
CREATE TABLE orders (
    order_id        TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'PREPARING',
                        'READY_FOR_DELIVERY', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED',
                        'FAILED', 'REFUNDED')),
    -- Checkout's idempotency key and a fingerprint of its input (same key, other input: CONFLICT).
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    payment_method  TEXT NOT NULL CHECK (payment_method IN ('WALLET', 'CARD')),
    card_id         TEXT,
    note            TEXT,
    -- The delivery address as it was at checkout.
    address_id      TEXT NOT NULL,
    address_label   TEXT NOT NULL,
    address_line1   TEXT NOT NULL,
    address_line2   TEXT,
    address_city    TEXT NOT NULL,
    address_postal  TEXT,
    latitude        DOUBLE PRECISION NOT NULL,
    longitude       DOUBLE PRECISION NOT NULL,
    -- Set when the cart is claimed; minor units of currency.
    subtotal        BIGINT NOT NULL DEFAULT 0 CHECK (subtotal >= 0),
    discount        BIGINT NOT NULL DEFAULT 0 CHECK (discount >= 0),
    total           BIGINT NOT NULL DEFAULT 0 CHECK (total >= 0),
    currency        TEXT NOT NULL DEFAULT 'KZT',
    promo_code      TEXT,
    saga_step       TEXT NOT NULL,
    saga_attempts   BIGINT NOT NULL DEFAULT 0,
    -- Whoever drives the saga holds it until then; an expired lease means its driver died.
    saga_lease_until TEXT,
    failure_code    TEXT,
    failure_message TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (customer_id, idempotency_key)
);

CREATE INDEX orders_customer_idx ON orders (customer_id, created_at);
CREATE INDEX orders_saga_idx ON orders (saga_step, saga_lease_until);

-- What was bought, at the price paid.
CREATE TABLE order_line (
    order_id   TEXT NOT NULL REFERENCES orders (order_id),
    offer_id   TEXT NOT NULL,
    product_id TEXT NOT NULL,
    shop_id    TEXT NOT NULL,
    quantity   BIGINT NOT NULL CHECK (quantity > 0),
    unit_price BIGINT NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (order_id, offer_id)
);

-- Every status change: when, who, why.
CREATE TABLE order_status_change (
    change_id   TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES orders (order_id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT,
    at          TEXT NOT NULL
);

CREATE INDEX order_status_change_order_idx ON order_status_change (order_id, at);

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
