package io.scalingsuite.catalog.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.scalingsuite.contracts.events.StreamFields;

/**
 * The SQL on one shard's {@code catalog.outbox}, on the caller's connection and transaction. Rows are unpublished
 * ({@code published_at} null) or published under a stream id; {@link #lock} serializes everything that appends
 * to the stream or decides from it, per shard, across every catalog replica.
 */
final class OutboxRows {

    /**
     * One row to append: its key, its event id, when it happened, its entry's fields and values (the trace context's
     * only when the write had one), and the write's {@code traceparent} (or null).
     */
    record Row(long id, String eventId, Instant occurredAt, List<String> fields, String traceparent) {
    }

    private static final String ROW = "SELECT id, event_id, event_type, aggregate_type, aggregate_id, "
            + "aggregate_version, occurred_at, payload::text, traceparent, tracestate FROM catalog.outbox ";
    private static final String PUBLISHED = "published_at IS NOT NULL AND stream_ms >= ? ";

    private final Connection connection;

    OutboxRows(Connection connection) {
        this.connection = connection;
    }

    /** Held until the transaction ends; one key per database, and every shard is its own database. */
    void lock() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(7306)")) {
            lock.execute();
        }
    }

    List<Row> unpublished(int limit) throws SQLException {
        return rows(ROW + "WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", limit);
    }

    List<Row> byIds(List<Long> ids) throws SQLException {
        return rows(ROW + "WHERE id = ANY (?) ORDER BY id", connection.createArrayOf("bigint", ids.toArray()));
    }

    void published(List<Row> rows, List<StreamId> ids) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE catalog.outbox SET published_at = now(), "
                + "stream_ms = ?, stream_seq = ? WHERE id = ?")) {
            for (int i = 0; i < rows.size(); i++) {
                update.setLong(1, ids.get(i).millis());
                update.setLong(2, ids.get(i).sequence());
                update.setLong(3, rows.get(i).id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** The published row with the highest stream id within the retention window. */
    Optional<PublishedEntry> newest(StreamId windowStart) throws SQLException {
        List<PublishedEntry> newest = entries("WHERE " + PUBLISHED + "ORDER BY stream_ms DESC, stream_seq DESC "
                + "LIMIT 1", windowStart.millis(), 1);
        return newest.stream().findFirst();
    }

    /** The oldest published row's stream id (any age): the stream is never trimmed at or past it. */
    Optional<StreamId> oldest() throws SQLException {
        return entries("WHERE " + PUBLISHED + "ORDER BY stream_ms, stream_seq LIMIT 1", 0, 1).stream()
                .map(PublishedEntry::id).findFirst();
    }

    /** Up to {@code limit} published rows after {@code after} (exclusive) in stream order, with their keys. */
    List<PublishedEntry> publishedAfter(StreamId after, int limit, List<Long> keys) throws SQLException {
        List<PublishedEntry> page = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, event_id, stream_ms, stream_seq "
                + "FROM catalog.outbox WHERE published_at IS NOT NULL AND (stream_ms, stream_seq) > (?, ?) "
                + "ORDER BY stream_ms, stream_seq LIMIT ?")) {
            select.setLong(1, after.millis());
            select.setLong(2, after.sequence());
            select.setInt(3, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    keys.add(row.getLong(1));
                    page.add(new PublishedEntry(new StreamId(row.getLong(3), row.getLong(4)), row.getString(2)));
                }
            }
        }
        return page;
    }

    /** Deletes published rows whose entry id is below {@code id}; returns how many. */
    int deleteBelow(StreamId id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog.outbox WHERE "
                + "published_at IS NOT NULL AND (stream_ms, stream_seq) < (?, ?)")) {
            delete.setLong(1, id.millis());
            delete.setLong(2, id.sequence());
            return delete.executeUpdate();
        }
    }

    long countPublished() throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM catalog.outbox WHERE published_at IS NOT NULL");
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private List<PublishedEntry> entries(String where, long minMillis, int limit) throws SQLException {
        List<PublishedEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_id, stream_ms, stream_seq FROM catalog.outbox " + where)) {
            select.setLong(1, minMillis);
            try (ResultSet row = select.executeQuery()) {
                while (row.next() && entries.size() < limit) {
                    entries.add(new PublishedEntry(new StreamId(row.getLong(2), row.getLong(3)), row.getString(1)));
                }
            }
        }
        return entries;
    }

    private static void optional(List<String> fields, String name, String value) {
        if (value != null && !value.isEmpty()) {
            fields.add(name);
            fields.add(value);
        }
    }

    private List<Row> rows(String sql, Object parameter) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, parameter);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Instant occurred = row.getTimestamp(7).toInstant();
                    List<String> fields = new ArrayList<>(List.of(StreamFields.EVENT_ID, row.getString(2),
                            StreamFields.TYPE, row.getString(3), StreamFields.AGGREGATE_TYPE, row.getString(4),
                            StreamFields.AGGREGATE_ID, row.getString(5), StreamFields.VERSION,
                            Long.toString(row.getLong(6)), StreamFields.OCCURRED_AT, occurred.toString(),
                            StreamFields.PAYLOAD, row.getString(8)));
                    optional(fields, StreamFields.TRACEPARENT, row.getString(9));
                    optional(fields, StreamFields.TRACESTATE, row.getString(10));
                    rows.add(new Row(row.getLong(1), row.getString(2), occurred, fields, row.getString(9)));
                }
            }
        }
        return rows;
    }
}
