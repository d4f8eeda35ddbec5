package io.scalingsuite.demodata;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows for {@code COPY ... FROM STDIN} in PostgreSQL's text format, buffered and sent in ~1 MiB chunks.
 * Text format: tab between fields, newline after a row, {@code \N} for NULL, and backslash, tab,
 * newline and carriage return inside a value escaped with a backslash.
 */
final class CopyStream implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder row = new StringBuilder(FLUSH_AT + 4096);
    private boolean firstField = true;
    private long rows;

    private CopyStream(CopyIn copy) {
        this.copy = copy;
    }

    /** Starts {@code COPY table (columns) FROM STDIN}. */
    static CopyStream open(CopyManager manager, String table, String columns) throws SQLException {
        return new CopyStream(manager.copyIn("COPY " + table + " (" + columns + ") FROM STDIN"));
    }

    CopyStream field(String value) {
        separate();
        if (value == null) {
            row.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
    }

    CopyStream field(long value) {
        separate();
        row.append(value);
        return this;
    }

    /**
     * A timestamptz given in Unix microseconds, PostgreSQL's own precision, so what is written is exactly
     * what is read back. ISO-8601 in UTC, e.g. {@code 2025-03-01T10:15:30.123456Z}.
     */
    CopyStream timestamp(long epochMicros) {
        separate();
        row.append(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1000L));
        return this;
    }

    CopyStream field(Object value) {
        return field(value == null ? null : value.toString());
    }

    void endRow() throws SQLException {
        row.append('\n');
        firstField = true;
        rows++;
        if (row.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** Sends what is buffered and ends the COPY; returns the rows PostgreSQL reports. */
    long finish() throws SQLException {
        flush();
        long copied = copy.endCopy();
        if (copied != rows) {
            throw new SQLException("COPY took " + copied + " rows, sent " + rows);
        }
        return copied;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void separate() {
        if (!firstField) {
            row.append('\t');
        }
        firstField = false;
    }

    private void flush() throws SQLException {
        if (row.length() > 0) {
            byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            row.setLength(0);
        }
    }
}
