package io.scalingsuite.demodata;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** Writes demo reviews: a few products with thousands, many with none, ratings leaning to 4 and 5. */
final class ReviewGenerator {

    static final String COLUMNS = "id, product_id, rating, title, body, created_at";
    /** Bits of a review's time offset in microseconds within the 400-day window (2^45 µs is 407 days). */
    private static final int TIME_BITS = 45;

    private final Random random;
    private final List<List<String>> titlesByRating;
    private final List<String> goodBodies;
    private final List<String> mixedBodies;
    private final List<String> badBodies;
    private final WeightedPicker ratings = new WeightedPicker(8, 6, 11, 27, 48); // 1..5 stars

    ReviewGenerator(Random random, Words words) {
        this.random = random;
        this.titlesByRating = IntStream.rangeClosed(0, 5)
                .mapToObj(r -> r == 0 ? List.<String>of() : words.list("titles." + r)).toList();
        this.goodBodies = words.list("bodies.good");
        this.mixedBodies = words.list("bodies.mixed");
        this.badBodies = words.list("bodies.bad");
    }

    /**
     * Writes {@code count} reviews, each after its product's creation and before {@code endMicros}, on its
     * product's shard ({@code outs[shard]}), its id naming that shard.
     */
    long copy(CopyStream[] outs, ShardLayout layout, ProductGenerator.Products products, int count, long endMicros,
            Progress progress) throws SQLException {
        int n = products.ids().length;
        // Time offset and product index packed in one long: one primitive sort puts reviews in time order,
        // so their UUIDv7 ids fill the primary key left to right. The offset (45 bits of microseconds over the
        // 400-day window) loses its lowest bits when the index needs more than 18: 4-µs steps at a million.
        int productBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        int timeShift = Math.max(0, TIME_BITS + productBits - 63);
        // Popularity is a shuffled rank, so it has nothing to do with a product's age.
        int[] byPopularity = shuffledRange(n);
        long windowStart = endMicros - TimeUnit.DAYS.toMicros(400);
        long[] packed = new long[count];
        for (int j = 0; j < count; j++) {
            int p = byPopularity[(int) (n * Math.pow(random.nextDouble(), 2.5))];
            long from = products.createdMicros()[p];
            long at = from + 1 + (long) (random.nextDouble() * Math.max(0, endMicros - from - 1));
            packed[j] = ((at - windowStart) >>> timeShift << productBits) | p;
        }
        Arrays.sort(packed);
        long mask = (1L << productBits) - 1;
        for (int j = 0; j < count; j++) {
            int p = (int) (packed[j] & mask);
            long at = Math.max((packed[j] >>> productBits << timeShift) + windowStart,
                    products.createdMicros()[p] + 1);
            int rating = ratings.pick(random) + 1;
            UUID product = products.ids()[p];
            int shard = layout.shardOf(product);
            CopyStream out = outs[shard];
            out.field(layout.onShard(UuidV7.at(at / 1000, random), shard)).field(product).field(rating)
                    .field(random.nextInt(20) == 0 ? null : pick(titlesByRating.get(rating)))
                    .field(body(rating)).timestamp(at);
            out.endRow();
            progress.update(j + 1L);
        }
        long copied = 0;
        for (CopyStream out : outs) {
            copied += out.finish();
        }
        return copied;
    }

    /** One or two sentences whose tone matches the stars; some reviews are a rating and nothing else. */
    private String body(int rating) {
        if (random.nextInt(12) == 0) {
            return null;
        }
        List<String> pool = rating >= 4 ? goodBodies : rating == 3 ? mixedBodies : badBodies;
        String body = pick(pool);
        return random.nextBoolean() ? body + " " + pick(pool) : body;
    }

    private int[] shuffledRange(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[k];
            a[k] = t;
        }
        return a;
    }

    private String pick(List<String> items) {
        return items.get(random.nextInt(items.size()));
    }
}
