-- The product variant each line bought (a pizza's size), as the cart claimed it.
ALTER TABLE order_line ADD COLUMN variant_id TEXT;
