-- Idempotency-Key records belong to a caller (issue 16): the verified caller of the gateway's signed header, i.e.
-- the API key's name ([A-Za-z0-9._-]{1,64}). Scoped per route only, two clients that chose the same key collided:
-- the second was answered with the first one's create (or refused). A key is now unique per caller AND route.
--
-- Rows written before this migration do not say who sent them. They get caller '' (empty), which no caller can
-- have: attributing them to any real caller could replay one client's answer to another. A retry of such a create
-- within the retention therefore runs again, as after the retention; the rows go with IdempotencyKeyJanitor's
-- next purges. ADD COLUMN with a constant default rewrites nothing; the default is then dropped so every new
-- record must name its caller.
ALTER TABLE catalog.idempotency_key ADD COLUMN caller varchar(64) NOT NULL DEFAULT '';
ALTER TABLE catalog.idempotency_key ALTER COLUMN caller DROP DEFAULT;
ALTER TABLE catalog.idempotency_key DROP CONSTRAINT idempotency_key_pkey;
ALTER TABLE catalog.idempotency_key ADD CONSTRAINT idempotency_key_pkey PRIMARY KEY (idem_key, caller, scope);
