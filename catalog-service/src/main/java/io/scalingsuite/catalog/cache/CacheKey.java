package io.scalingsuite.catalog.cache;

/**
 * Where one cached value lives. The entry's key is {@code entryPrefix + generation + entrySuffix}, where the
 * generation is the current value of {@code generationKey}: a write increments the generation, so every entry
 * written under the old one becomes unreachable at once, including one a slow reader stores after the write.
 *
 * @param kind the metric tag: what is cached ({@code product}, {@code listing})
 */
public record CacheKey(String kind, String generationKey, String entryPrefix, String entrySuffix) {

    /** A name for this entry that is unique within one instance (for coalescing concurrent loads). */
    public String id() {
        return entryPrefix + "*" + entrySuffix;
    }

    /** The sorted set of the write marks on this key's generation (see {@link WriteMarks}). */
    public String marksKey() {
        return marksOf(generationKey);
    }

    /** Beside its generation, so one script touches both in one Redis Cluster slot (same hash tag). */
    static String marksOf(String generationKey) {
        return generationKey + ":marks";
    }
}
