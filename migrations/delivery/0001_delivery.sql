-- Couriers, deliveries and their routes. Coordinates are WGS 84 degrees; times are UTC text;
-- flags are BIGINT 0/1 because sqlx's Any driver cannot decode SQLite's BOOLEAN.

CREATE TABLE courier (
    courier_id  TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    vehicle     TEXT NOT NULL,
    capacity    BIGINT NOT NULL CHECK (capacity > 0),
    latitude    DOUBLE PRECISION NOT NULL,
    longitude   DOUBLE PRECISION NOT NULL,
    available   BIGINT NOT NULL CHECK (available IN (0, 1)),
    -- Driven by the simulation rather than by a courier's app.
    simulated   BIGINT NOT NULL CHECK (simulated IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE delivery (
    delivery_id     TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL UNIQUE,
    customer_id     TEXT NOT NULL,
    status          TEXT NOT NULL,
    drop_latitude   DOUBLE PRECISION NOT NULL,
    drop_longitude  DOUBLE PRECISION NOT NULL,
    courier_id      TEXT REFERENCES courier (courier_id),
    eta_at          TEXT,
    -- Along the planned route, from the courier to this drop, when it was last planned.
    route_m         DOUBLE PRECISION,
    attempts        BIGINT NOT NULL DEFAULT 0,
    reason          TEXT,
    created_at      TEXT NOT NULL,
    ready_at        TEXT,
    assigned_at     TEXT,
    picked_up_at    TEXT,
    finished_at     TEXT,
    updated_at      TEXT NOT NULL
);
CREATE INDEX delivery_status_idx ON delivery (status, ready_at);
CREATE INDEX delivery_courier_idx ON delivery (courier_id, status);
CREATE INDEX delivery_created_idx ON delivery (created_at, delivery_id);

-- The shops an order's goods are fetched from; located (from shops) before assignment.
CREATE TABLE delivery_pickup (
    delivery_id TEXT NOT NULL REFERENCES delivery (delivery_id),
    shop_id     TEXT NOT NULL,
    latitude    DOUBLE PRECISION,
    longitude   DOUBLE PRECISION,
    picked_up   BIGINT NOT NULL DEFAULT 0 CHECK (picked_up IN (0, 1)),
    PRIMARY KEY (delivery_id, shop_id)
);

-- The record of every delivery: each status it passed through, where and by whom.
CREATE TABLE delivery_event (
    event_id    TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES delivery (delivery_id),
    status      TEXT NOT NULL,
    courier_id  TEXT,
    latitude    DOUBLE PRECISION,
    longitude   DOUBLE PRECISION,
    note        TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX delivery_event_idx ON delivery_event (delivery_id, at);

-- A courier's planned stops in visiting order, rewritten on every replan.
CREATE TABLE route_stop (
    courier_id  TEXT NOT NULL REFERENCES courier (courier_id),
    position    BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    delivery_id TEXT NOT NULL,
    shop_id     TEXT,
    latitude    DOUBLE PRECISION NOT NULL,
    longitude   DOUBLE PRECISION NOT NULL,
    leg_m       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (courier_id, position)
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
