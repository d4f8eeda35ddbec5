-- Idempotency-Key records for POSTs that create (products, reviews). A row is inserted in the SAME transaction
-- as the row it created, so a key is remembered if and only if its create committed. A retry with the same key
-- and scope finds the row and gets the stored response back instead of a second create; a concurrent duplicate
-- waits on the primary key until the first transaction ends. Rows older than catalog.idempotency.retention
-- (default 24 h) are deleted by IdempotencyKeyJanitor and may then be reused.
CREATE TABLE catalog.idempotency_key (
    idem_key     varchar(255) NOT NULL,
    scope        varchar(80)  NOT NULL,
    fingerprint  char(64)     NOT NULL,
    status       smallint,
    resource_id  uuid,
    response     jsonb,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (idem_key, scope)
);

CREATE INDEX idempotency_key_created_at ON catalog.idempotency_key (created_at);
