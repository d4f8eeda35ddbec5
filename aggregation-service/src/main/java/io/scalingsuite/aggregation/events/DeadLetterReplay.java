package io.scalingsuite.aggregation.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.scalingsuite.aggregation.config.AggregationConfig;
import io.vertx.mutiny.redis.client.Response;

/**
 * Puts the dead-letter stream back into processing ({@code make replay-dead}, POST
 * /api/views/admin/dead-letters/replay): each entry present when the replay starts is appended to the stream with
 * its original fields, then deleted from {@code <key>:dead}. Idempotent: an event applied before is a duplicate by
 * its id, and an entry appended twice (a replay that died between append and delete) is applied once.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final int PAGE = 100;

    private final RedisDataSource redis;
    private final String stream;
    private final String dead;

    public DeadLetterReplay(RedisDataSource redis, AggregationConfig config) {
        this.redis = redis;
        this.stream = config.stream().key();
        this.dead = stream + ":dead";
    }

    /** How many entries the dead-letter stream holds. */
    public long size() {
        return redis.execute("XLEN", dead).toLong();
    }

    /** Replays every entry dead-lettered before now; returns how many. */
    public long replay() {
        Response newest = redis.execute("XREVRANGE", dead, "+", "-", "COUNT", "1");
        if (newest == null || newest.size() == 0) {
            return 0;
        }
        String end = newest.get(0).get(0).toString();
        String from = "-";
        long replayed = 0;
        while (true) {
            Response page = redis.execute("XRANGE", dead, from, end, "COUNT", Integer.toString(PAGE));
            if (page == null || page.size() == 0) {
                break;
            }
            for (Response entry : page) {
                String id = entry.get(0).toString();
                redis.execute("XADD", original(EntryHandler.fields(entry.get(1))));
                redis.execute("XDEL", dead, id);
                replayed++;
                from = "(" + id;
            }
        }
        LOG.infof("Replayed %d dead-lettered event(s) from %s into %s", replayed, dead, stream);
        return replayed;
    }

    private String[] original(Map<String, String> fields) {
        List<String> args = new ArrayList<>(List.of(stream, "*"));
        fields.forEach((name, value) -> {
            if (name.startsWith(DeadLetters.FIELD_PREFIX)) {
                args.add(name.substring(DeadLetters.FIELD_PREFIX.length()));
                args.add(value);
            }
        });
        return args.toArray(String[]::new);
    }
}
