-- Payments: one per order, held on the accounts wallet or authorized on a (simulated) card
-- gateway, with its history, its refunds and the customers' saved cards.
-- Portable SQL: TEXT ids and times (RFC 3339, UTC), BIGINT money (minor units) and flags.

CREATE TABLE payment (
    payment_id      TEXT PRIMARY KEY,
    -- One payment per order: the saga's retries and replays find it by order id.
    order_id        TEXT NOT NULL UNIQUE,
    customer_id     TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('WALLET', 'CARD')),
    status          TEXT NOT NULL CHECK (status IN
                        ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED')),
    amount          BIGINT NOT NULL CHECK (amount > 0),
    refunded_amount BIGINT NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
    -- Refunds sent but not confirmed yet. Counted against what is left, so two refunds in
    -- flight can never give back more than was paid.
    pending_refund  BIGINT NOT NULL DEFAULT 0 CHECK (pending_refund >= 0),
    currency        TEXT NOT NULL,
    -- CARD only: the saved card and what may be shown of it. Never the number.
    card_id         TEXT,
    card_brand      TEXT,
    card_last4      TEXT,
    -- WALLET: the HOLD entry in accounts' ledger. CARD: the gateway's authorization.
    wallet_hold_id  TEXT,
    gateway_auth_id TEXT,
    decline_reason  TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (refunded_amount + pending_refund <= amount)
);

CREATE INDEX payment_customer_idx ON payment (customer_id, created_at);

-- Every state change of a payment, oldest first: the audit trail.
CREATE TABLE payment_history (
    history_id TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL REFERENCES payment (payment_id),
    kind       TEXT NOT NULL CHECK (kind IN ('AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED', 'REFUNDED')),
    amount     BIGINT NOT NULL CHECK (amount >= 0),
    note       TEXT,
    at         TEXT NOT NULL
);

CREATE INDEX payment_history_payment_idx ON payment_history (payment_id, at);

-- An authorization asked of accounts or the gateway whose answer is not recorded yet. If the
-- answer is lost (timeout), a void for the order still knows what to undo.
CREATE TABLE payment_attempt (
    order_id    TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('WALLET', 'CARD')),
    amount      BIGINT NOT NULL CHECK (amount > 0),
    currency    TEXT NOT NULL,
    card_id     TEXT,
    created_at  TEXT NOT NULL
);

-- Orders voided before any payment existed: a late authorization for them is refused.
CREATE TABLE voided_order (
    order_id   TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);

-- Refunds, idempotent per payment and key (Stripe semantics: the same key with the same
-- request answers the stored result, with another request CONFLICT).
CREATE TABLE refund (
    refund_id       TEXT PRIMARY KEY,
    payment_id      TEXT NOT NULL REFERENCES payment (payment_id),
    amount          BIGINT NOT NULL CHECK (amount > 0),
    reason          TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    -- PENDING while the money is on its way back (its amount is in payment.pending_refund).
    status          TEXT NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED')),
    created_at      TEXT NOT NULL,
    UNIQUE (payment_id, idempotency_key)
);

-- A customer's cards as the gateway tokenized them: brand, last four digits, expiry and the
-- token. No card number or CVC is ever stored.
CREATE TABLE saved_card (
    card_id       TEXT PRIMARY KEY,
    customer_id   TEXT NOT NULL,
    brand         TEXT NOT NULL CHECK (brand IN ('VISA', 'MASTERCARD', 'AMEX', 'OTHER')),
    last4         TEXT NOT NULL,
    exp_month     BIGINT NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year      BIGINT NOT NULL,
    gateway_token TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    -- Removed cards stay for the payments that used them, but cannot pay again.
    removed       BIGINT NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
);

CREATE INDEX saved_card_customer_idx ON saved_card (customer_id, created_at);

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
