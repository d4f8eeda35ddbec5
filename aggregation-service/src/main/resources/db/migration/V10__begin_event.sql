-- What every event runs first, in one round trip where it took up to four (EventApplier): the category tree's
-- advisory lock (exclusive for a category event, shared otherwise), then each aggregate's in the order given, then
-- the event's first-delivery record. Statements in a function run in order, so the locks are taken in the order
-- that keeps them free of cycles. Answers whether this is the event's first delivery.
CREATE FUNCTION aggregation.begin_event(delivered uuid, tree_exclusive boolean, aggregates text[]) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  aggregate text;
BEGIN
  IF tree_exclusive THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('aggregation:category-tree', 0));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtextextended('aggregation:category-tree', 0));
  END IF;
  FOREACH aggregate IN ARRAY aggregates LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended(aggregate, 0));
  END LOOP;
  INSERT INTO aggregation.applied_event (event_id) VALUES (delivered) ON CONFLICT DO NOTHING;
  RETURN FOUND;
END $$;
