package io.scalingsuite.catalog.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.scalingsuite.catalog.api.AttributeFilter;
import io.scalingsuite.catalog.api.TextQuery;

/**
 * The SQL of one keyset page: filters, then {@code (sort value, id)} strictly after the cursor's row, ordered by the
 * same pair so PostgreSQL walks one index range and stops after {@code limit} rows. A relevance page also selects
 * {@code relevance}, the row's rank as a {@code real}; the cursor holds that float exactly (its bits), so the next
 * page starts strictly after the last row's {@code (relevance, id)}. Parameters are positional ({@code ?1, ?2, ...}),
 * listed in order, each used once.
 */
public record ProductListingQuery(String sql, List<Object> params, boolean ranked) {

    /** The position after which a page starts: the last row's sort value and id. */
    public record After(long sortValue, UUID id) {
    }

    /** Every column of {@code Product}; not the {@code search} document, which no read needs to transfer. */
    static final String COLUMNS = "id, sku, name, description, price_cents, currency, category_id, merchant_id, "
            + "stock, attributes, version, created_at, updated_at";

    public static ProductListingQuery of(ProductFilter filter, After after, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        ProductSort sort = filter.sort();
        TextQuery text = filter.text();
        boolean ranked = sort == ProductSort.RELEVANCE;
        if (ranked && text == null) {
            throw new IllegalArgumentException("relevance needs a text query");
        }
        String select = COLUMNS;
        if (ranked) {
            // an exact SKU match outranks every text match (ts_rank stays well below 100)
            params.add(text.tsquery());
            params.add(text.sku());
            select += ", ts_rank(search, to_tsquery('" + TextQuery.CONFIG + "', ?" + (params.size() - 1)
                    + ")) + CASE WHEN sku = ?" + params.size() + " THEN CAST(100 AS real) ELSE CAST(0 AS real) END"
                    + " AS relevance";
        }
        if (filter.categoryId() != null) {
            params.add(filter.categoryId());
            conditions.add("category_id = ?" + params.size());
        }
        if (filter.merchantId() != null) {
            params.add(filter.merchantId());
            conditions.add("merchant_id = ?" + params.size());
        }
        if (filter.minPriceCents() != null) {
            params.add(filter.minPriceCents());
            conditions.add("price_cents >= ?" + params.size());
        }
        if (filter.maxPriceCents() != null) {
            params.add(filter.maxPriceCents());
            conditions.add("price_cents <= ?" + params.size());
        }
        if (filter.inStock() != null) {
            conditions.add(filter.inStock() ? "in_stock" : "NOT in_stock"); // the partial indexes' predicate (V12)
        }
        for (AttributeFilter attribute : filter.attributes()) {
            params.add(attribute.containment());
            conditions.add("attributes @> CAST(?" + params.size() + " AS jsonb)");
        }
        if (text != null) {
            params.add(text.tsquery());
            params.add(text.sku());
            conditions.add("(search @@ to_tsquery('" + TextQuery.CONFIG + "', ?" + (params.size() - 1)
                    + ") OR sku = ?" + params.size() + ")");
        }
        String keyset = null;
        if (after != null) {
            params.add(sortValueParam(sort, after.sortValue()));
            params.add(after.id());
            String value = ranked ? "CAST(?" + (params.size() - 1) + " AS real)" : "?" + (params.size() - 1);
            keyset = "(" + sort.column() + ", id) " + (sort.descending() ? "<" : ">") + " (" + value + ", ?"
                    + params.size() + ")";
        }
        if (keyset != null && !ranked) {
            conditions.add(keyset);
        }
        params.add(limit);
        String direction = sort.descending() ? "DESC" : "ASC";
        String order = " ORDER BY " + sort.column() + " " + direction + ", id " + direction + " LIMIT ?"
                + params.size();
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        String sql = "SELECT " + select + " FROM catalog.product" + where;
        if (ranked) {
            // the rank is an output column: the keyset compares it outside the query that computes it
            sql = "SELECT * FROM (" + sql + ") ranked" + (keyset == null ? "" : " WHERE " + keyset);
        }
        return new ProductListingQuery(sql + order, List.copyOf(params), ranked);
    }

    /** The long that a cursor stores for a row's sort value: cents, microseconds since the epoch, or rank bits. */
    public static long sortValueOf(ProductSort sort, long priceCents, Instant createdAt, float relevance) {
        if (sort == ProductSort.RELEVANCE) {
            // ranks are never negative, and the bits of non-negative floats order as the floats do
            return Float.floatToIntBits(relevance);
        }
        return sortValueOf(sort, priceCents, createdAt);
    }

    /** The long that a cursor stores for a row's price or creation time. */
    public static long sortValueOf(ProductSort sort, long priceCents, Instant createdAt) {
        if (sort.column().equals("price_cents")) {
            return priceCents;
        }
        return Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
    }

    private static Object sortValueParam(ProductSort sort, long value) {
        if (sort == ProductSort.RELEVANCE) {
            // a double holds the float exactly; CAST(... AS real) then gives back the very same float
            return (double) Float.intBitsToFloat((int) value);
        }
        if (sort.column().equals("price_cents")) {
            return value;
        }
        Instant instant =
                Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000);
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
