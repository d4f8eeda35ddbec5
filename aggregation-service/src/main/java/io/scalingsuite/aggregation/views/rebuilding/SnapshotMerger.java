package io.scalingsuite.aggregation.views.rebuilding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parts of a rebuild, in the caller's transaction: {@link #begin} notes what the views hold before the export
 * is asked for, {@link #stage} copies catalog's snapshot into temporary tables (COPY, no locks on the views),
 * {@link #merge} makes the views equal to it with set-based SQL ({@link MergeSql}), {@link #tidy} vacuums after the
 * commit.
 */
@ApplicationScoped
public class SnapshotMerger {

    /** What was staged, and the stream position the snapshot was taken at. */
    public record Staged(String streamPosition, long categories, long products, long reviews) {
    }

    private final ObjectMapper mapper;

    public SnapshotMerger(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Before catalog is asked for its snapshot: the staging tables, and what the views hold at this moment. */
    public void begin(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(MergeSql.BEFORE_EXPORT);
        }
    }

    /** Copies the export into the staging tables {@link #begin} made. */
    public Staged stage(Connection c, Iterator<String> lines, Consumer<long[]> progress)
            throws SQLException, IOException {
        String position = null;
        long[] counts = new long[3];
        String section = null;
        CopyIn copy = null;
        while (lines.hasNext()) {
            JsonNode line = mapper.readTree(lines.next());
            String type = line.path("type").asText();
            if (type.equals("Snapshot")) {
                position = line.path("streamPosition").asText("0-0");
                continue;
            }
            if (copy != null && (type.equals("End") || !type.equals(section))) {
                copy.endCopy();
                copy = null;
            }
            if (type.equals("End")) {
                if (position == null) {
                    throw new IOException("catalog export has no Snapshot line");
                }
                return new Staged(position, counts[0], counts[1], counts[2]);
            }
            if (copy == null) {
                section = type;
                copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(switch (type) {
                    case "Category" -> "COPY snap_category FROM STDIN (FORMAT csv)";
                    case "Product" -> "COPY snap_product FROM STDIN (FORMAT csv)";
                    case "Review" -> "COPY snap_review FROM STDIN (FORMAT csv)";
                    default -> throw new IOException("unknown export line type " + type);
                });
            }
            JsonNode p = line.get("payload");
            String row = switch (type) {
                case "Category" -> csv(p.get("id").asText(), p.path("parentId").isNull() ? null
                        : p.get("parentId").asText(), p.get("slug").asText(), p.get("name").asText(),
                        line.get("version").asText());
                case "Product" -> csv(p.get("id").asText(), line.get("version").asText(), p.toString());
                default -> csv(p.get("id").asText(), p.toString());
            };
            byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            int index = type.equals("Category") ? 0 : type.equals("Product") ? 1 : 2;
            if (++counts[index] % 10_000 == 0) {
                progress.accept(counts.clone());
            }
        }
        if (copy != null) {
            copy.cancelCopy();
        }
        throw new IOException("catalog export ended without its End line (truncated)");
    }

    public void merge(Connection c, Staged staged) throws SQLException {
        if (!staged.streamPosition().matches("\\d{1,19}-\\d{1,19}")) {
            throw new SQLException("snapshot stream position is not a stream id: " + staged.streamPosition());
        }
        String[] position = staged.streamPosition().split("-");
        try (Statement s = c.createStatement()) {
            for (String sql : MergeSql.MERGE) {
                s.execute(atPosition(sql, staged.streamPosition(), position));
            }
        }
    }

    /**
     * After the merge committed, outside a transaction: a merge that rewrote most cards left as many dead rows, and
     * a reload can change the views' size tenfold. The next merge and the readers' plans should not wait for
     * autovacuum (late after a bulk write, and off on some hosts, such as CI's) to find that out.
     */
    public void tidy(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(MergeSql.AFTER_COMMIT);
        }
    }

    /** The statement with the snapshot's stream position in it (validated as {@code digits-digits} by the caller). */
    private static String atPosition(String sql, String streamPosition, String[] position) {
        return sql.replace(":position", streamPosition).replace(":major", position[0]).replace(":minor",
                position.length > 1 ? position[1] : "0");
    }

    private static String csv(String... fields) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            if (fields[i] != null) {
                row.append('"').append(fields[i].replace("\"", "\"\"")).append('"');
            }
        }
        return row.append('\n').toString();
    }
}
