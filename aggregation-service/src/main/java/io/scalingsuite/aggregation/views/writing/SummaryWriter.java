package io.scalingsuite.aggregation.views.writing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the stored category summaries (V7) in the transaction of a product or review event. The sums move by
 * deltas in {@link StatsWriter}; here, once the event's writes are done, each summary containing the product before
 * or after takes its price extremes and top 10 from the product alone: a new price or a better key joins, a changed
 * entry is re-rendered. Only when an extreme leaves, or a member of a full top 10 leaves or falls below the list's
 * floor, does the summary recompute from its subtree ({@link SummaryTree#refresh}).
 * <p>
 * The rows are locked first, in category id order, before any of them is written: events of different products in
 * one subtree queue on them instead of deadlocking, and each reads the rows as the one before it left them.
 */
@ApplicationScoped
public class SummaryWriter {

    /** The event's writes, run between the lock and the maintenance. */
    public interface Change {
        Outcome apply() throws SQLException;
    }

    /** One locked summary row: what deltas cannot keep. */
    private record Row(UUID categoryId, Long min, Long max, List<UUID> top, BigDecimal floorRating, long floorReviews) {
    }

    static final int TOP = 10;

    static final String LOCK = "SELECT category_id, min_price_cents, max_price_cents, top_ids, floor_rating, "
            + "floor_reviews FROM aggregation.category_summary WHERE category_id = ANY (?) ORDER BY category_id "
            + "FOR UPDATE";

    static final String EXTREMES = "UPDATE aggregation.category_summary SET min_price_cents = ?, max_price_cents = ? "
            + "WHERE category_id = ?";

    static final String RESORT = "UPDATE aggregation.category_summary SET min_price_cents = ?, max_price_cents = ?, "
            + "(top_ids, top_products, floor_rating, floor_reviews) = (SELECT * FROM aggregation.summary_top(?)) "
            + "WHERE category_id = ?";

    private final SummaryTree tree;

    public SummaryWriter(SummaryTree tree) {
        this.tree = tree;
    }

    /**
     * Runs the change of a product (or of its reviews) inside the upkeep of the summaries containing it: those of
     * its stored category and of {@code category}, the one the event moves it to (null when it stays).
     */
    public Outcome around(Connection c, UUID productId, UUID category, Change change) throws SQLException {
        Member before = Member.read(c, productId);
        Map<UUID, Set<UUID>> chains = tree.chains(c, before.live() ? before.categoryId() : null, category);
        List<Row> rows = lock(c, chains.values().stream().flatMap(Set::stream).distinct().toArray());
        Outcome outcome = change.apply();
        if (outcome != Outcome.APPLIED || rows.isEmpty()) {
            return outcome;
        }
        Member after = Member.read(c, productId);
        List<UUID> refresh = new ArrayList<>();
        Set<UUID> from = before.live() ? chains.getOrDefault(before.categoryId(), Set.of()) : Set.of();
        Set<UUID> to = after.live() ? chains.getOrDefault(after.categoryId(), Set.of()) : Set.of();
        for (Row row : rows) {
            boolean was = from.contains(row.categoryId());
            boolean is = to.contains(row.categoryId());
            if (was || is) {
                keep(c, row, before, after, was, is, refresh);
            }
        }
        tree.refresh(c, refresh);
        return outcome;
    }

    private static void keep(Connection c, Row row, Member before, Member after, boolean was, boolean is,
            List<UUID> refresh) throws SQLException {
        Long min = extreme(row.min(), before, after, was, is, true);
        Long max = extreme(row.max(), before, after, was, is, false);
        boolean member = row.top().contains(after.id());
        boolean full = row.top().size() == TOP;
        UUID last = full ? row.top().get(TOP - 1) : null;
        boolean aboveFloor = !full || after.compareTo(row.floorRating(), row.floorReviews(), last) > 0;
        // A member of a full list stays when it is still above the floor, or is the floor and did not go down;
        // otherwise the 11th may now be better, and only the subtree knows it.
        boolean stays = aboveFloor || after.id().equals(last)
                && after.compareTo(before.coalescedRating(), before.reviews(), before.id()) >= 0;
        boolean leaves = member && full && !(is && stays);
        if (min == null || max == null || leaves) {
            refresh.add(row.categoryId());
            return;
        }
        boolean resort = member ? !is || !after.sameEntry(before) : is && aboveFloor;
        if (resort) {
            List<UUID> candidates = new ArrayList<>(row.top());
            candidates.remove(after.id());
            if (is) {
                candidates.add(after.id());
            }
            update(c, RESORT, min, max, c.createArrayOf("uuid", candidates.toArray()), row.categoryId());
        } else if (!min.equals(row.min()) || !max.equals(row.max())) {
            update(c, EXTREMES, min, max, row.categoryId());
        }
    }

    /**
     * The subtree's lowest ({@code lowest}) or highest price once the product's old price left it ({@code was}) and
     * its new one joined ({@code is}); null when the extreme itself left and only the subtree knows the next one.
     */
    static Long extreme(Long current, Member before, Member after, boolean was, boolean is, boolean lowest) {
        Long joins = is ? after.priceCents() : null;
        if (was && (current == null || before.priceCents() == current)) {
            return joins != null && current != null && (lowest ? joins <= current : joins >= current) ? joins : null;
        }
        if (joins == null) {
            return current;
        }
        return current == null ? joins : lowest ? Math.min(current, joins) : Math.max(current, joins);
    }

    private static List<Row> lock(Connection c, Object[] categories) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (categories.length == 0) {
            return rows;
        }
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setArray(1, c.createArrayOf("uuid", categories));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getObject(2, Long.class),
                            rs.getObject(3, Long.class), Arrays.asList((UUID[]) rs.getArray(4).getArray()),
                            rs.getBigDecimal(5), rs.getLong(6)));
                }
            }
        }
        return rows;
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
