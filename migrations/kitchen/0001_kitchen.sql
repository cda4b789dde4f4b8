-- The automated kitchen. Portable across SQLite and PostgreSQL: TEXT ids, times as fixed-width
-- RFC 3339 UTC text (text order = time order), flags as BIGINT 0/1 because sqlx's Any driver
-- cannot decode SQLite's BOOLEAN. Every bit of simulation state lives here, so a restarted (or
-- second) process carries on where the last one stopped.

-- Where dishes are made; `capacity` items at a time.
CREATE TABLE station (
    name     TEXT PRIMARY KEY,
    capacity BIGINT NOT NULL CHECK (capacity > 0),
    paused   BIGINT NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
);

-- How the kitchen makes a product; products without a recipe need no preparation.
-- prep_seconds is simulated time.
CREATE TABLE recipe (
    product_id   TEXT PRIMARY KEY,
    station      TEXT NOT NULL REFERENCES station (name),
    prep_seconds BIGINT NOT NULL CHECK (prep_seconds > 0)
);

-- One ticket per confirmed order that has something to prepare.
CREATE TABLE ticket (
    ticket_id   TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('QUEUED', 'PREPARING', 'READY', 'FAILED', 'CANCELLED')),
    -- Higher goes first; bumped by hand.
    priority    BIGINT NOT NULL DEFAULT 0,
    -- Why it FAILED or was CANCELLED.
    reason      TEXT,
    created_at  TEXT NOT NULL,
    started_at  TEXT,
    ready_at    TEXT,
    -- The kitchen's estimate, made when queued and again when started.
    ready_by    TEXT,
    updated_at  TEXT NOT NULL
);

-- The work order: priority DESC, created_at, ticket_id among the open tickets.
CREATE INDEX ticket_queue_idx ON ticket (status, priority, created_at);

-- One item per order line to prepare, made as one batch at its station. station and
-- prep_seconds are copied from the recipe when the ticket is made, so editing a recipe never
-- changes work already promised.
CREATE TABLE ticket_item (
    ticket_id    TEXT NOT NULL REFERENCES ticket (ticket_id),
    line_no      BIGINT NOT NULL,
    product_id   TEXT NOT NULL,
    quantity     BIGINT NOT NULL CHECK (quantity > 0),
    station      TEXT NOT NULL,
    prep_seconds BIGINT NOT NULL CHECK (prep_seconds > 0),
    status       TEXT NOT NULL CHECK (status IN ('QUEUED', 'PREPARING', 'DONE')),
    started_at   TEXT,
    due_at       TEXT,
    PRIMARY KEY (ticket_id, line_no)
);

CREATE INDEX ticket_item_station_idx ON ticket_item (station, status);
CREATE INDEX ticket_item_due_idx ON ticket_item (status, due_at);

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
