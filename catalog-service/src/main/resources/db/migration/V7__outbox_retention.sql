-- Published outbox rows stay until every consumer group of the stream has acknowledged their entry (or for
-- catalog.outbox.retention), so that entries Redis loses (restart without persistence, failover, DEL) can be
-- published again from here. stream_ms-stream_seq is the entry's current stream id; published_at when it was added.
ALTER TABLE catalog.outbox
    ADD COLUMN published_at timestamptz,
    ADD COLUMN stream_ms    bigint,
    ADD COLUMN stream_seq   bigint;

-- The relay's claim: unpublished rows in commit order.
CREATE INDEX outbox_unpublished ON catalog.outbox (id) WHERE published_at IS NULL;

-- Acknowledgement, retention, loss checks and the trim bound all walk published rows by stream id.
CREATE INDEX outbox_published ON catalog.outbox (stream_ms, stream_seq) WHERE published_at IS NOT NULL;
