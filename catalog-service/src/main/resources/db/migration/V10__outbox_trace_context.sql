-- The W3C trace context of the write that made the event (docs/tracing.md): the relay puts it on the stream entry
-- as the optional fields traceparent and tracestate, so the publish and the views' apply spans link to the write.
-- Null for rows written without tracing (or before this migration): their entries simply lack the fields.
ALTER TABLE catalog.outbox
    ADD COLUMN traceparent varchar(55),
    ADD COLUMN tracestate  varchar(512);
