package io.scalingsuite.demodata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The demo category tree from {@code seed/categories.txt}, with ids, slugs and timestamps. */
final class CategoryTree {

    /** One category; {@code rootSlug} is its top-level ancestor's slug (its own for a root). */
    record Category(UUID id, String slug, String name, UUID parentId, String rootSlug, int depth, long createdMicros) {
    }

    private final List<Category> all;

    private CategoryTree(List<Category> all) {
        this.all = all;
    }

    /** Categories are created a minute apart from {@code startMicros} on, parents before children. */
    static CategoryTree load(long startMicros, Random random) {
        List<Category> all = new ArrayList<>();
        Category[] path = new Category[3];
        for (String line : lines()) {
            int depth = (line.length() - line.stripLeading().length()) / 2;
            String name = line.strip();
            Category parent = depth == 0 ? null : path[depth - 1];
            String slug = (parent == null ? "" : parent.slug() + "-") + slugify(name);
            long createdMicros = startMicros + TimeUnit.MINUTES.toMicros(all.size());
            var category = new Category(UuidV7.at(createdMicros / 1000, random), slug, name,
                    parent == null ? null : parent.id(), parent == null ? slug : parent.rootSlug(),
                    depth, createdMicros);
            path[depth] = category;
            all.add(category);
        }
        return new CategoryTree(List.copyOf(all));
    }

    List<Category> all() {
        return all;
    }

    /** Categories products may sit in: the leaves, and their parents for the occasional broader item. */
    List<Category> atDepth(int depth) {
        return all.stream().filter(c -> c.depth() == depth).toList();
    }

    /** Column order: id, slug, name, parent_id, version, created_at, updated_at. */
    long copy(CopyStream out) throws SQLException {
        for (Category c : all) {
            out.field(c.id()).field(c.slug()).field(c.name()).field(c.parentId()).field(0L)
                    .timestamp(c.createdMicros()).timestamp(c.createdMicros());
            out.endRow();
        }
        return out.finish();
    }

    /** "Women's Clothing" becomes "womens-clothing", "TV & Video" becomes "tv-video". */
    static String slugify(String name) {
        return name.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }

    private static List<String> lines() {
        try (InputStream in = CategoryTree.class.getResourceAsStream("/seed/categories.txt")) {
            if (in == null) {
                throw new IllegalStateException("seed/categories.txt missing from the classpath");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
