package io.scalingsuite.aggregation.views.writing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.scalingsuite.contracts.events.CategoryState;

/**
 * Keeps the category tree with each node's root-first path, and the category embedded in product cards.
 * Categories are few and rarely written, so a change re-derives the paths below it and re-embeds them.
 */
@ApplicationScoped
public class CategoryViewWriter {

    private final CardBuilder cards;

    public CategoryViewWriter(CardBuilder cards) {
        this.cards = cards;
    }

    public Outcome upsert(Connection c, UUID id, long version, CategoryState p) throws SQLException {
        if (!newer(c, id, version)) {
            return Outcome.STALE;
        }
        UUID parentId = p.parentId();
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO aggregation.category (id, parent_id, slug, name, path, version) VALUES (?, ?, ?, ?, '[]', ?)
                ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, slug = EXCLUDED.slug,
                    name = EXCLUDED.name, version = EXCLUDED.version""")) {
            s.setObject(1, id);
            s.setObject(2, parentId);
            s.setString(3, p.slug());
            s.setString(4, p.name());
            s.setLong(5, version);
            s.executeUpdate();
        }
        refresh(c, id, parentId == null ? cards.read("[]") : path(c, parentId));
        return Outcome.APPLIED;
    }

    /** Catalog deletes only a category nothing references, so its row and its (empty) summary go. */
    public Outcome delete(Connection c, UUID id, long version) throws SQLException {
        if (!newer(c, id, version)) {
            return Outcome.STALE;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM aggregation.category_stat WHERE category_id = ?")) {
            s.setObject(1, id);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM aggregation.category WHERE id = ?")) {
            s.setObject(1, id);
            s.executeUpdate();
        }
        return Outcome.APPLIED;
    }

    private static boolean newer(Connection c, UUID id, long version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version FROM aggregation.category WHERE id = ? FOR UPDATE")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return !rs.next() || rs.getLong(1) < version;
            }
        }
    }

    /** Sets this category's path from its parent's, then its children's, and re-embeds it in its cards. */
    private void refresh(Connection c, UUID id, JsonNode parentPath) throws SQLException {
        ArrayNode path = ((ArrayNode) parentPath).deepCopy();
        try (PreparedStatement s = c.prepareStatement("SELECT slug, name FROM aggregation.category WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                path.addObject().put("id", id.toString()).put("slug", rs.getString(1)).put("name", rs.getString(2));
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE aggregation.category SET path = ?::jsonb WHERE id = ?")) {
            s.setString(1, cards.write(path));
            s.setObject(2, id);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE aggregation.product_card SET card = "
                + "jsonb_set(card, '{category}', ?::jsonb) WHERE category_id = ?")) {
            s.setString(1, cards.write(cards.category(c, id)));
            s.setObject(2, id);
            s.executeUpdate();
        }
        for (UUID child : children(c, id)) {
            refresh(c, child, path);
        }
    }

    private JsonNode path(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT path::text FROM aggregation.category WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                // A parent not seen yet: the path starts here and is completed when the parent arrives.
                return rs.next() ? cards.read(rs.getString(1)) : cards.read("[]");
            }
        }
    }

    private static List<UUID> children(Connection c, UUID id) throws SQLException {
        List<UUID> children = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM aggregation.category WHERE parent_id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    children.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return children;
    }
}
