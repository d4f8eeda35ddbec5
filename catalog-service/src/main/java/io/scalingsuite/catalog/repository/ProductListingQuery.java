package io.scalingsuite.catalog.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of one keyset page: filters, then {@code (sort column, id)} strictly after the cursor's row,
 * ordered by the same pair so PostgreSQL walks one index range and stops after {@code limit} rows.
 * Parameters are positional ({@code ?1, ?2, ...}) and listed in order.
 */
public record ProductListingQuery(String sql, List<Object> params) {

    /** The position after which a page starts: the last row's sort value and id. */
    public record After(long sortValue, UUID id) {
    }

    public static ProductListingQuery of(ProductFilter filter, After after, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
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
            conditions.add(filter.inStock() ? "stock > 0" : "stock = 0");
        }
        ProductSort sort = filter.sort();
        String direction = sort.descending() ? "DESC" : "ASC";
        if (after != null) {
            params.add(sortValueParam(sort, after.sortValue()));
            params.add(after.id());
            conditions.add("(" + sort.column() + ", id) " + (sort.descending() ? "<" : ">")
                    + " (?" + (params.size() - 1) + ", ?" + params.size() + ")");
        }
        params.add(limit);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        String sql = "SELECT * FROM catalog.product" + where + " ORDER BY " + sort.column() + " " + direction
                + ", id " + direction + " LIMIT ?" + params.size();
        return new ProductListingQuery(sql, List.copyOf(params));
    }

    /** The long that a cursor stores for a row's sort column: cents, or microseconds since the epoch. */
    public static long sortValueOf(ProductSort sort, long priceCents, Instant createdAt) {
        if (sort.column().equals("price_cents")) {
            return priceCents;
        }
        return Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
    }

    private static Object sortValueParam(ProductSort sort, long value) {
        if (sort.column().equals("price_cents")) {
            return value;
        }
        Instant instant =
                Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000);
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
