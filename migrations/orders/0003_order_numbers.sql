-- Short numbers people can read out and search for (#1001, #1002, …), in the order orders were
-- placed. One counter row, bumped in the transaction that inserts the order, so a rolled-back
-- checkout gives its number back and two orders never share one.
ALTER TABLE orders ADD COLUMN number BIGINT;

UPDATE orders SET number = 1000 + (
    SELECT COUNT(*) FROM orders AS earlier
    WHERE earlier.created_at < orders.created_at
       OR (earlier.created_at = orders.created_at AND earlier.order_id <= orders.order_id)
);

CREATE UNIQUE INDEX orders_number_idx ON orders (number);

CREATE TABLE order_number_counter (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    last     BIGINT NOT NULL
);

INSERT INTO order_number_counter (only_row, last) SELECT 1, COALESCE(MAX(number), 1000) FROM orders;
