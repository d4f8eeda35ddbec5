package io.scalingsuite.catalog.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@code q=} search: the words of the raw text, and the raw text itself for an exact SKU match. Only letters and
 * digits survive into the words, so the tsquery built from them holds no operator a caller typed; it is sent as a
 * bind parameter, never spliced into SQL.
 */
public record TextQuery(String raw, List<String> words) {

    /** The text search configuration of the {@code search} column (V9 migration): stemming, stop words. */
    public static final String CONFIG = "english";
    public static final int MAX_LENGTH = 200;
    public static final int MAX_WORDS = 8;

    /** The search in {@code q}, or null without one; 400 naming {@code q} when it cannot be one. */
    public static TextQuery parse(String q) {
        if (q == null) {
            return null;
        }
        if (q.length() > MAX_LENGTH) {
            throw CatalogException.invalid("q", "may be at most " + MAX_LENGTH + " characters");
        }
        List<String> words = Arrays.stream(q.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT)).toList();
        if (words.isEmpty()) {
            throw CatalogException.invalid("q", "must contain at least one letter or digit");
        }
        if (words.size() > MAX_WORDS) {
            throw CatalogException.invalid("q", "may hold at most " + MAX_WORDS + " words");
        }
        return new TextQuery(q.strip(), words);
    }

    /** Every word must match, the last one as a prefix too (results while typing): {@code 'walnut' & 'de':*}. */
    public String tsquery() {
        return words.stream().map(w -> "'" + w + "'").collect(Collectors.joining(" & ")) + ":*";
    }

    /** The text an exact SKU match compares with. */
    public String sku() {
        return raw;
    }

    public String canonical() {
        return raw;
    }
}
