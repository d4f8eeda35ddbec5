package io.scalingsuite.aggregation.views.rebuilding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
 * The two halves of a rebuild, in the caller's transaction: {@link #stage} copies catalog's snapshot into
 * temporary tables (COPY, no locks on the views), {@link #merge} folds it into the views with set-based SQL.
 */
@ApplicationScoped
public class SnapshotMerger {

    /** What was staged, and the stream position the snapshot was taken at. */
    public record Staged(String streamPosition, long categories, long products, long reviews) {
    }

    private static final String STAGING = """
            CREATE TEMP TABLE snap_category (id uuid, parent_id uuid, slug text, name text, version bigint) ON COMMIT DROP;
            CREATE TEMP TABLE snap_product (id uuid PRIMARY KEY, version bigint, doc jsonb) ON COMMIT DROP;
            CREATE TEMP TABLE snap_review (doc jsonb) ON COMMIT DROP;
            """;

    private final ObjectMapper mapper;

    public SnapshotMerger(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Staged stage(Connection c, Iterator<String> lines, Consumer<long[]> progress)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute(STAGING);
        }
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
                default -> csv(p.toString());
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
            for (String sql : MergeSql.BEFORE_TOMBSTONES) {
                // Rows written from the snapshot reflect the stream up to its position (validated just above).
                s.execute(sql.replace(":position", staged.streamPosition()));
            }
        }
        try (PreparedStatement s = c.prepareStatement(MergeSql.TOMBSTONES)) {
            s.setLong(1, Long.parseLong(position[0]));
            s.setLong(2, position.length > 1 ? Long.parseLong(position[1]) : 0);
            s.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            for (String sql : MergeSql.AFTER_TOMBSTONES) {
                s.execute(sql);
            }
        }
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
