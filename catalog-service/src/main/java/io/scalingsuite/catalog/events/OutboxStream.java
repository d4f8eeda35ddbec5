package io.scalingsuite.catalog.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * The outbox's view of the Redis Stream: append, ask what every consumer group acknowledged, find lost entries,
 * trim. Every call is one script on the one stream key ({@link StreamScripts}). A shard's "newest" entry is the
 * published row with the highest stream id: as long as it is still on the stream, so is every older row of that
 * shard (Redis loses a suffix or everything, and the relay never appends past a loss it has not repaired).
 */
@ApplicationScoped
public class OutboxStream {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What every consumer group acknowledged; {@code lost} when the shard's newest entry is gone. */
    record Acknowledged(boolean lost, Optional<StreamId> below) {
    }

    private final ReactiveRedisDataSource redis;
    private final String key;

    public OutboxStream(ReactiveRedisDataSource redis, CatalogConfig config) {
        this.redis = redis;
        this.key = config.outbox().streamKey();
    }

    public String key() {
        return key;
    }

    /**
     * XADDs the entries (each a flat field, value list) in order, unless {@code newest} is gone from the stream:
     * then nothing is added and the answer is empty (the shard must repair first).
     */
    Optional<List<StreamId>> append(Optional<PublishedEntry> newest, List<List<String>> entries) {
        Request eval = checked(script(StreamScripts.APPEND), newest);
        entries.forEach(entry -> {
            eval.arg(entry.size());
            entry.forEach(eval::arg);
        });
        Response reply = send(eval);
        if (reply.type() == ResponseType.NUMBER) {
            return Optional.empty();
        }
        List<StreamId> ids = new ArrayList<>(reply.size());
        reply.forEach(id -> ids.add(StreamId.parse(id.toString())));
        return Optional.of(ids);
    }

    /**
     * The first id some consumer group has not acknowledged: every entry below it was delivered to every group and
     * acknowledged (below the group's last-delivered id and its oldest pending one). Empty when there is no group.
     */
    Acknowledged acknowledgedBelow(Optional<PublishedEntry> newest) {
        Response reply = send(checked(script(StreamScripts.ACKNOWLEDGED), newest));
        if (reply != null && reply.type() == ResponseType.NUMBER) {
            return new Acknowledged(true, Optional.empty());
        }
        return new Acknowledged(false, Optional.ofNullable(reply).map(id -> StreamId.parse(id.toString())));
    }

    /** Positions (0-based) of the entries no longer on the stream under their id with their event. */
    List<Integer> missing(List<PublishedEntry> entries) {
        Request eval = script(StreamScripts.MISSING);
        entries.forEach(entry -> eval.arg(entry.id().toString()).arg(entry.eventId()));
        List<Integer> gone = new ArrayList<>();
        send(eval).forEach(position -> gone.add(position.toInteger() - 1));
        return gone;
    }

    /**
     * Trims entries below what every group acknowledged, never at or past {@code keepFrom}, and always below
     * {@code windowStart}. Returns the stream's length after.
     */
    long trim(StreamId keepFrom, StreamId windowStart) {
        Response reply = send(script(StreamScripts.TRIM).arg(keepFrom.toString()).arg(windowStart.toString()));
        return reply.get(1).toLong();
    }

    private Request script(String lua) {
        return Request.cmd(Command.EVAL).arg(lua).arg(1).arg(key);
    }

    private static Request checked(Request eval, Optional<PublishedEntry> newest) {
        return eval.arg(newest.map(e -> e.id().toString()).orElse("")).arg(newest.map(PublishedEntry::eventId)
                .orElse(""));
    }

    private Response send(Request request) {
        return redis.getRedis().send(request).await().atMost(TIMEOUT);
    }
}
