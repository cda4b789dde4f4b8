-- The staff orders board pages through every customer's orders, newest first (`orders`).
CREATE INDEX orders_created_idx ON orders (created_at, order_id);
