-- Retention (events/Retention): applied-event ids and parked reviews are deleted oldest first, a chunk at a time.
CREATE INDEX applied_event_applied_at_idx ON aggregation.applied_event (applied_at);
CREATE INDEX parked_event_parked_at_idx ON aggregation.parked_event (parked_at);
