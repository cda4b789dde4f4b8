-- What checkout quoted for delivery and kept with the order: the fee (part of `total`), the
-- time promised to the customer, and when the order was in fact delivered. Orders placed
-- before the quote existed have no promise and a zero fee.
ALTER TABLE orders ADD COLUMN delivery_fee BIGINT NOT NULL DEFAULT 0 CHECK (delivery_fee >= 0);
ALTER TABLE orders ADD COLUMN promised_at TEXT;
ALTER TABLE orders ADD COLUMN delivered_at TEXT;
