-- Finance pages through every customer's payments, newest first (`payments`), and sums them
-- per day over a period (`paymentTotals`).
CREATE INDEX payment_created_idx ON payment (created_at, payment_id);
