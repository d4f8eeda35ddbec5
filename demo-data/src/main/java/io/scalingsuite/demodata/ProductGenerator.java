package io.scalingsuite.demodata;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.scalingsuite.demodata.CategoryTree.Category;

/** Writes the demo products: realistic-looking names, prices, stock and attributes, skewed like a real shop. */
final class ProductGenerator {

    /** What reviews need to know about the products written: their ids and creation times (Unix micros). */
    record Products(UUID[] ids, long[] createdMicros) {
    }

    static final String COLUMNS = "id, sku, name, description, price_cents, currency, category_id, merchant_id, "
            + "stock, attributes, version, created_at, updated_at";

    private static final String[] CURRENCIES = { "EUR", "USD", "GBP", "CHF" };
    private static final String[] SIZES = { "XS", "S", "M", "L", "XL", "XXL" };
    private static final long YEAR_MICROS = TimeUnit.DAYS.toMicros(365);

    private final Random random;
    private final List<Category> leaves;
    private final List<Category> parents;
    private final List<String> brands;
    private final List<String> adjectives;
    private final List<String> models;
    private final List<String> colors;
    private final List<String> materials;
    private final List<String> features;
    private final WeightedPicker merchants = WeightedPicker.zipf(100, 1.0);
    private final WeightedPicker currencies = new WeightedPicker(60, 30, 7, 3);
    /** A typical price per category in cents (headphones and sofas do not cost the same). */
    private final Map<UUID, Double> medianCents = new HashMap<>();

    ProductGenerator(Random random, CategoryTree tree, Words words) {
        this.random = random;
        this.leaves = tree.atDepth(2);
        this.parents = tree.atDepth(1);
        this.brands = words.list("brands");
        this.adjectives = words.list("adjectives");
        this.models = words.list("models");
        this.colors = words.list("colors");
        this.materials = words.list("materials");
        this.features = words.list("features");
        for (Category c : tree.all()) {
            medianCents.put(c.id(), Math.exp(Math.log(1_500) + random.nextDouble() * Math.log(40)));
        }
    }

    /**
     * Writes {@code count} products created over the year before {@code endMicros}, in creation order so that
     * the UUIDv7 primary key is filled left to right. Column order matches {@link #COLUMNS}. Each product goes to
     * its merchant's shard ({@code outs[shard]}), its id naming that shard.
     */
    Products copy(CopyStream[] outs, ShardLayout layout, int count, long endMicros, Progress progress)
            throws SQLException {
        long[] created = new long[count];
        for (int i = 0; i < count; i++) {
            created[i] = endMicros - 1 - (long) (random.nextDouble() * YEAR_MICROS);
        }
        Arrays.sort(created);
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            // Mostly leaves; one in ten sits in a broader category, as real catalogues are never tidy.
            Category category = random.nextInt(10) == 0 ? pick(parents) : pick(leaves);
            ids[i] = UuidV7.at(created[i] / 1000, random);
            String brand = pick(brands);
            String adjective = pick(adjectives);
            String name = brand + " " + adjective + " " + category.name() + " " + pick(models)
                    + (random.nextBoolean() ? " " + (100 + random.nextInt(900)) : "");
            String description = adjective + " " + category.name().toLowerCase(Locale.ROOT) + " by " + brand
                    + ". " + twoFeatures();
            String sku = category.rootSlug().substring(0, 3).toUpperCase(Locale.ROOT) + "-"
                    + String.format(Locale.ROOT, "%06d", i + 1);
            // Drawn in the order the columns had before sharding, so every shape loads the same products.
            long price = price(category);
            String currency = CURRENCIES[currencies.pick(random)];
            String merchant = String.format(Locale.ROOT, "merchant-%03d", merchants.pick(random) + 1);
            long stock = stock();
            String attributes = attributes(brand, category);
            int shard = layout.shardOfMerchant(merchant);
            ids[i] = layout.onShard(ids[i], shard);
            outs[shard].field(ids[i]).field(sku).field(name).field(description).field(price).field(currency)
                    .field(category.id()).field(merchant).field(stock).field(attributes).field(0L)
                    .timestamp(created[i]).timestamp(created[i]);
            outs[shard].endRow();
            progress.update(i + 1L);
        }
        for (CopyStream out : outs) {
            out.finish();
        }
        return new Products(ids, created);
    }

    /** Log-normal around the category's typical price, ending in 99 cents, within 1.99 .. 5000.00. */
    private long price(Category category) {
        double cents = medianCents.get(category.id()) * Math.exp(random.nextGaussian() * 0.7);
        long rounded = Math.round(cents / 100) * 100 - 1;
        return Math.max(199, Math.min(500_000, rounded));
    }

    /** About 15% sold out; the rest mostly small counts with a long tail. */
    private long stock() {
        if (random.nextInt(100) < 15) {
            return 0;
        }
        return Math.min(5_000, 1 + (long) (-Math.log(1 - random.nextDouble()) * 40));
    }

    /**
     * Brand, colour, often a material and a warranty; clothes and shoes a size, furniture and the like a width:
     * what a storefront filters by ({@code attr.color=navy&attr.size=M}, docs/search.md).
     */
    private String attributes(String brand, Category category) {
        var json = new StringBuilder("{\"brand\":").append(jsonString(brand))
                .append(",\"color\":").append(jsonString(pick(colors)));
        if (random.nextBoolean()) {
            json.append(",\"material\":").append(jsonString(pick(materials)));
        }
        json.append(",\"warranty_years\":").append(1 + random.nextInt(3));
        if (category.rootSlug().equals("fashion") || category.rootSlug().equals("sports-outdoors")) {
            json.append(",\"size\":").append(jsonString(SIZES[random.nextInt(SIZES.length)]));
        } else if (category.rootSlug().equals("home-kitchen") || category.rootSlug().equals("garden-diy")) {
            json.append(",\"width_cm\":").append(40 + 10 * random.nextInt(17));
        }
        return json.append('}').toString();
    }

    /** Two different selling points, in random order. */
    private String twoFeatures() {
        int first = random.nextInt(features.size());
        int second = (first + 1 + random.nextInt(features.size() - 1)) % features.size();
        return features.get(first) + " " + features.get(second);
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
