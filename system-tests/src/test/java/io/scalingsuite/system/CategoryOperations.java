package io.scalingsuite.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.scalingsuite.devinfra.LocalInfra;

/**
 * The category operations among the property test's random ones, shared by its clients: renames (sometimes of the
 * slug too), moves to another category or to the root, moves under the category's own subtree (catalog must refuse
 * them with 422), creates and deletes (catalog refuses a category still in use with 409). {@link #pool} holds the
 * live categories. A delete holds the pool's write lock, so no product is created in or moved to a category while
 * it is deleted, and none once it is; moves take turns, so the tree read from catalog's table before a move is the
 * tree catalog checks it against: a move under the own subtree must be refused, any other move must be accepted.
 * Product writes of the other client go on during a move: a product may land in a subtree while it moves.
 */
final class CategoryOperations {

    enum Kind {
        RENAME, RESLUG, MOVE, MOVE_TO_ROOT, CYCLE_REFUSED, CREATE, DELETE, DELETE_REFUSED
    }

    /** A product write that needs a live category. */
    interface Use {
        void with(String categoryId) throws Exception;
    }

    /** The tree in catalog's table: each category's parent, and the categories products use. */
    private record Tree(Map<String, String> parents, Set<String> used) {

        Set<String> subtree(String root) {
            Set<String> subtree = new HashSet<>(Set.of(root));
            for (boolean grew = true; grew;) {
                grew = false;
                for (Map.Entry<String, String> e : parents.entrySet()) {
                    grew |= e.getValue() != null && subtree.contains(e.getValue()) && subtree.add(e.getKey());
                }
            }
            return subtree;
        }

        boolean emptyLeaf(String id) {
            return !used.contains(id) && !parents.containsValue(id);
        }
    }

    private static final int MIN_POOL = 8;

    final List<String> pool = new CopyOnWriteArrayList<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Map<Kind, AtomicInteger> counts = new EnumMap<>(Kind.class);
    private final ReentrantReadWriteLock existence = new ReentrantReadWriteLock();
    private final Lock moves = new ReentrantLock();
    private final String jdbcUrl;
    private final String suffix;

    CategoryOperations(String jdbcUrl, String suffix) {
        this.jdbcUrl = jdbcUrl;
        this.suffix = suffix;
        for (Kind kind : Kind.values()) {
            counts.put(kind, new AtomicInteger());
        }
    }

    /** Three roots, six children under them and six grandchildren. */
    void seed(CatalogClient api) throws Exception {
        for (int i = 0; i < 15; i++) {
            String parent = i < 3 ? null : pool.get(i < 9 ? (i - 3) % 3 : 3 + (i - 9));
            pool.add(api.createCategory("cat-" + i + "-" + suffix, parent));
        }
    }

    /** Runs a product write with a live category that no delete removes until the write is answered. */
    void using(Random random, Use write) throws Exception {
        existence.readLock().lock();
        try {
            write.with(pick(random));
        } finally {
            existence.readLock().unlock();
        }
    }

    /** One random category operation; a 503 (CatalogClient.Refused) means it did not happen. */
    void operate(CatalogClient api, Random random) throws Exception {
        int dice = random.nextInt(100);
        if (dice < 20 || (dice >= 80 && pool.size() <= MIN_POOL)) {
            existence.readLock().lock();
            try {
                create(api, random);
            } finally {
                existence.readLock().unlock();
            }
        } else if (dice < 80) {
            existence.readLock().lock();
            try {
                if (dice < 45) {
                    rename(api, random);
                } else {
                    move(api, random, dice < 72);
                }
            } finally {
                existence.readLock().unlock();
            }
        } else {
            existence.writeLock().lock();
            try {
                delete(api, random);
            } finally {
                existence.writeLock().unlock();
            }
        }
    }

    /** The operations of each kind catalog answered since the last call, and starts counting anew. */
    Map<Kind, Integer> takeCounts() {
        Map<Kind, Integer> taken = new EnumMap<>(Kind.class);
        counts.forEach((kind, count) -> taken.put(kind, count.getAndSet(0)));
        return taken;
    }

    private void create(CatalogClient api, Random random) throws Exception {
        String parent = random.nextInt(4) == 0 ? null : pick(random);
        pool.add(api.createCategory("new-" + suffix + "-" + Long.toHexString(random.nextLong()), parent));
        counts.get(Kind.CREATE).incrementAndGet();
    }

    private void rename(CatalogClient api, Random random) throws Exception {
        Map<String, Object> change = new HashMap<>(Map.of("name", "Renamed " + random.nextInt(1_000_000)));
        boolean slug = random.nextInt(3) == 0;
        if (slug) {
            change.put("slug", "slug-" + suffix + "-" + Long.toHexString(random.nextLong()));
        }
        expect(200, api.patchCategory(pick(random), change), "rename");
        counts.get(slug ? Kind.RESLUG : Kind.RENAME).incrementAndGet();
    }

    /** A move to another category or the root (must be accepted), or under the own subtree (must be refused). */
    private void move(CatalogClient api, Random random, boolean allowed) throws Exception {
        moves.lock();
        try {
            Tree tree = tree();
            // most categories are leaves: a move under the own subtree picks one that has children
            List<String> withChildren = pool.stream().filter(tree.parents()::containsValue).toList();
            if (!allowed && !withChildren.isEmpty()) {
                String category = withChildren.get(random.nextInt(withChildren.size()));
                List<String> below = tree.subtree(category).stream().filter(id -> !id.equals(category)).toList();
                String under = random.nextInt(5) == 0 ? category : below.get(random.nextInt(below.size()));
                CatalogClient.Answer answer = api.patchCategory(category, parentId(under));
                expect(422, answer, "move under its own subtree");
                if (!answer.body().path("errors").path(0).path("field").asText().equals("parentId")) {
                    throw new AssertionError("a move under its own subtree refused for another reason: "
                            + answer.body());
                }
                counts.get(Kind.CYCLE_REFUSED).incrementAndGet();
                return;
            }
            String category = pick(random);
            Set<String> excluded = tree.subtree(category);
            List<String> targets = pool.stream().filter(id -> !excluded.contains(id)
                    && !id.equals(tree.parents().get(category))).toList();
            boolean toRoot = tree.parents().get(category) != null
                    && (targets.isEmpty() || random.nextInt(4) == 0);
            if (!toRoot && targets.isEmpty()) {
                return;
            }
            String parent = toRoot ? null : targets.get(random.nextInt(targets.size()));
            expect(200, api.patchCategory(category, parentId(parent)), "move");
            counts.get(toRoot ? Kind.MOVE_TO_ROOT : Kind.MOVE).incrementAndGet();
        } finally {
            moves.unlock();
        }
    }

    /** Deletes an empty leaf or any category, keeping the pool from running dry; a used one must answer 409. */
    private void delete(CatalogClient api, Random random) throws Exception {
        Tree tree = tree();
        List<String> empty = pool.stream().filter(tree::emptyLeaf).toList();
        // mostly an empty leaf while there is one: most categories hold products, and a delete should also succeed
        String category = !empty.isEmpty() && random.nextInt(4) != 0 ? empty.get(random.nextInt(empty.size()))
                : pick(random);
        CatalogClient.Answer answer = api.deleteCategory(category);
        if (answer.status() == 204) {
            pool.remove(category);
            deleted.add(category);
            counts.get(Kind.DELETE).incrementAndGet();
            return;
        }
        // product deletes do not wait for the lock: a used category may empty meanwhile, an empty one not fill
        if (empty.contains(category) || !answer.body().path("type").asText().equals("/problems/conflict")
                || !answer.body().path("detail").asText().startsWith("The category is still used by")) {
            throw new AssertionError("delete of category " + category + " (empty: " + empty.contains(category)
                    + ") answered " + answer.status() + ": " + answer.body());
        }
        counts.get(Kind.DELETE_REFUSED).incrementAndGet();
    }

    private static void expect(int status, CatalogClient.Answer answer, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + " answered " + answer.status() + ": " + answer.body());
        }
    }

    private static Map<String, Object> parentId(String parent) {
        Map<String, Object> change = new HashMap<>();
        change.put("parentId", parent);
        return change;
    }

    private String pick(Random random) {
        return pool.get(random.nextInt(pool.size()));
    }

    private Tree tree() throws SQLException {
        Map<String, String> parents = new HashMap<>();
        Set<String> used = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, LocalInfra.PG_USER, "");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, parent_id FROM catalog.category")) {
                while (rs.next()) {
                    parents.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT category_id FROM catalog.product")) {
                while (rs.next()) {
                    used.add(rs.getString(1));
                }
            }
        }
        return new Tree(parents, used);
    }
}
