-- Orders' short numbers (#1042), learnt from orders' status events, so that payment, kitchen and
-- delivery messages (whose events carry only the order id) can name the order too.
CREATE TABLE order_number (
    order_id TEXT PRIMARY KEY,
    number   BIGINT NOT NULL
);
