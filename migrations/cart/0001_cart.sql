-- Carts, their lines, promo codes and the promo uses checkouts hold. Prices and stock are not
-- kept here: they are read from shops and inventory on every look at a cart. Portable SQL (see
-- migrations/catalog): TEXT ids and times, BIGINT money, counts and flags.

CREATE TABLE cart (
    cart_id          TEXT PRIMARY KEY,
    -- Exactly one of the two: a customer's cart, or a guest's (known by a token's SHA-256
    -- only; the token itself is never stored).
    customer_id      TEXT,
    guest_token_hash TEXT UNIQUE,
    status           TEXT NOT NULL CHECK (status IN ('ACTIVE', 'CHECKING_OUT', 'ORDERED')),
    -- The customer id while the cart is open (ACTIVE or CHECKING_OUT), NULL once ORDERED: the
    -- UNIQUE makes "one open cart per customer" hold on both databases (NULLs never clash).
    open_owner       TEXT UNIQUE,
    -- The order whose checkout claimed the cart (CHECKING_OUT, then ORDERED).
    order_id         TEXT UNIQUE,
    promo_code       TEXT,
    -- JSON of the claim handed to orders, returned as is when a claim is replayed.
    claim_snapshot   TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((customer_id IS NULL) <> (guest_token_hash IS NULL)),
    CHECK (open_owner IS NULL OR (open_owner = customer_id AND status <> 'ORDERED')),
    CHECK (customer_id IS NULL OR status = 'ORDERED' OR open_owner = customer_id),
    CHECK (guest_token_hash IS NULL OR status = 'ACTIVE'),
    CHECK ((status = 'ACTIVE') = (order_id IS NULL))
);

-- One row per offer in a cart. product_id and shop_id never change for an offer; keeping them
-- lets a line whose offer was removed still be shown. seen_unit_price is the price the customer
-- last agreed to: a different current price is a PRICE_CHANGED warning until accepted.
CREATE TABLE cart_line (
    cart_id         TEXT NOT NULL REFERENCES cart (cart_id),
    offer_id        TEXT NOT NULL,
    product_id      TEXT NOT NULL,
    shop_id         TEXT NOT NULL,
    quantity        BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    seen_unit_price BIGINT NOT NULL CHECK (seen_unit_price >= 0),
    currency        TEXT NOT NULL,
    added_at        TEXT NOT NULL,
    PRIMARY KEY (cart_id, offer_id)
);

-- Codes are stored upper-case, so lookups are case-insensitive on both databases.
-- PERCENT: value is 1..100 percent of the subtotal; FIXED: value is minor units off.
CREATE TABLE promo_code (
    code        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('PERCENT', 'FIXED')),
    value       BIGINT NOT NULL CHECK (value > 0),
    currency    TEXT NOT NULL,
    min_total   BIGINT NOT NULL DEFAULT 0 CHECK (min_total >= 0),
    expires_at  TEXT,
    usage_limit BIGINT CHECK (usage_limit IS NULL OR usage_limit > 0),
    -- Moved only by conditional UPDATEs; the CHECKs are the last line against overuse.
    used_count  BIGINT NOT NULL DEFAULT 0 CHECK (used_count >= 0),
    created_at  TEXT NOT NULL,
    CHECK (kind <> 'PERCENT' OR value <= 100),
    CHECK (usage_limit IS NULL OR used_count <= usage_limit)
);

-- A use of a promo code held by an order's checkout. Releasing the order deletes the row and
-- gives the use back only if the row was there, so a replayed release returns nothing twice.
CREATE TABLE promo_redemption (
    order_id   TEXT PRIMARY KEY,
    code       TEXT NOT NULL REFERENCES promo_code (code),
    created_at TEXT NOT NULL
);
