-- A merchant move copies and deletes the Idempotency-Key records of the merchant's creates, found by the row each
-- one created (resource_id: a product's or a review's id; see RowCopy). Without this index every copy pass and the
-- switch would scan the whole table (a day of creates on the shard).
CREATE INDEX idempotency_key_resource_id ON catalog.idempotency_key (resource_id);
