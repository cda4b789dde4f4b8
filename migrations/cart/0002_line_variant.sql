-- The product variant a line's offer sells (a pizza's size); it never changes for an offer,
-- like product_id, so checkout can hand it on without asking shops again.
ALTER TABLE cart_line ADD COLUMN variant_id TEXT;
