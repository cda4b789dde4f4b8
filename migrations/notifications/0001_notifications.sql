-- Notifications: a customer's in-app inbox, the emails and webhook deliveries made from the
-- same events. Unique keys make one event give at most one notification, one email and one
-- delivery per webhook, however often the event is delivered. Portable across SQLite and
-- PostgreSQL: TEXT ids, times as fixed-width RFC 3339 UTC text (text order = time order),
-- flags as BIGINT 0/1 because sqlx's Any driver cannot decode SQLite's BOOLEAN.

-- The inbox. One row per event that concerns the customer (noise is skipped, see domain.rs).
CREATE TABLE notification (
    notification_id TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL,
    event_id        TEXT NOT NULL UNIQUE,
    topic           TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('ORDER_STATUS', 'PAYMENT', 'KITCHEN', 'DELIVERY')),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    order_id        TEXT,
    read_at         TEXT,
    created_at      TEXT NOT NULL
);

-- Newest first per customer; unread counts scan the same range.
CREATE INDEX notification_customer_idx ON notification (customer_id, created_at, notification_id);

-- One email per notification. The address is looked up (accounts) when sending, not here:
-- the consumer runs inside the publisher's relay and must not make network calls.
CREATE TABLE email_job (
    job_id          TEXT PRIMARY KEY,
    notification_id TEXT NOT NULL UNIQUE REFERENCES notification (notification_id),
    customer_id     TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    -- Also the claim: a sender pushes it into the future before sending (a lease), so another
    -- replica skips the job; a sender that dies leaves it to be retried once the lease ends.
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    sent_at         TEXT,
    created_at      TEXT NOT NULL
);

CREATE INDEX email_job_due_idx ON email_job (status, next_attempt_at);

-- Endpoints registered by customers (their own events) or admins (everyone's).
CREATE TABLE webhook (
    webhook_id   TEXT PRIMARY KEY,
    owner_id     TEXT NOT NULL,
    -- Registered by an ADMIN: receives every customer's events.
    all_customers BIGINT NOT NULL CHECK (all_customers IN (0, 1)),
    url          TEXT NOT NULL,
    -- Kept as is: signing needs the secret itself, a hash would not do.
    secret       TEXT NOT NULL,
    -- JSON array of topics; NULL means every topic.
    topics       TEXT,
    active       BIGINT NOT NULL CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL,
    removed_at   TEXT
);

CREATE INDEX webhook_owner_idx ON webhook (owner_id, active);
CREATE INDEX webhook_all_idx ON webhook (all_customers, active);

-- One event to one webhook. The body is stored once so every retry sends the same bytes and
-- event id (receivers deduplicate by it).
CREATE TABLE webhook_delivery (
    delivery_id      TEXT PRIMARY KEY,
    webhook_id       TEXT NOT NULL REFERENCES webhook (webhook_id),
    event_id         TEXT NOT NULL,
    topic            TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         BIGINT NOT NULL DEFAULT 0,
    -- Due time and claim, as in email_job.
    next_attempt_at  TEXT NOT NULL,
    last_outcome     TEXT,
    last_status_code BIGINT,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (webhook_id, event_id)
);

CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (webhook_id, created_at, delivery_id);

-- Every POST made, in order.
CREATE TABLE webhook_attempt (
    attempt_id  TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES webhook_delivery (delivery_id),
    attempt_no  BIGINT NOT NULL,
    at          TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('DELIVERED', 'HTTP_ERROR', 'UNREACHABLE', 'TIMEOUT')),
    status_code BIGINT,
    error       TEXT,
    UNIQUE (delivery_id, attempt_no)
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
