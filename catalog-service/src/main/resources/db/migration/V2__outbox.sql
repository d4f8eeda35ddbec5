-- Transactional outbox: each catalog write inserts its event here in the same transaction as the change,
-- so an event exists if and only if the change committed. OutboxRelay moves rows to the Redis Stream and
-- deletes them only after Redis acknowledged them.
CREATE TABLE catalog.outbox (
    id                 bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id           uuid         NOT NULL UNIQUE,
    event_type         varchar(40)  NOT NULL,
    aggregate_type     varchar(20)  NOT NULL,
    aggregate_id       uuid         NOT NULL,
    aggregate_version  bigint       NOT NULL,
    occurred_at        timestamptz  NOT NULL,
    payload            jsonb        NOT NULL
);

-- Wakes the relay right after a commit instead of making it poll.
CREATE FUNCTION catalog.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('catalog_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON catalog.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.outbox_notify();
