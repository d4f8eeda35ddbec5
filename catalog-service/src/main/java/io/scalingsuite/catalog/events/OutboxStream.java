package io.scalingsuite.catalog.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.scalingsuite.catalog.config.CatalogConfig;
import io.scalingsuite.catalog.redis.RedisScript;
import io.scalingsuite.catalog.redis.RedisSpans;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * The outbox's view of the Redis Stream: append, ask what every consumer group acknowledged, find lost entries,
 * trim. Every call is one script on the one stream key ({@link StreamScripts}), sent by its SHA1. A shard's
 * "newest" entry is the published row with the highest stream id: as long as it is still on the stream, so is every
 * older row of that shard (Redis loses a suffix or everything, and the relay never appends past a loss it has not
 * repaired).
 */
@ApplicationScoped
public class OutboxStream {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What every consumer group acknowledged; {@code lost} when the shard's newest entry is gone. */
    record Acknowledged(boolean lost, Optional<StreamId> below) {
    }

    private final String key;
    private final RedisScript appendScript;
    private final RedisScript acknowledgedScript;
    private final RedisScript missingScript;
    private final RedisScript trimScript;

    public OutboxStream(ReactiveRedisDataSource redis, RedisSpans spans, CatalogConfig config) {
        this.key = config.outbox().streamKey();
        this.appendScript = new RedisScript(redis, spans, 1, StreamScripts.APPEND);
        this.acknowledgedScript = new RedisScript(redis, spans, 1, StreamScripts.ACKNOWLEDGED);
        this.missingScript = new RedisScript(redis, spans, 1, StreamScripts.MISSING);
        this.trimScript = new RedisScript(redis, spans, 1, StreamScripts.TRIM);
    }

    public String key() {
        return key;
    }

    /**
     * XADDs the entries (each a flat field, value list) in order, unless {@code newest} is gone from the stream:
     * then nothing is added and the answer is empty (the shard must repair first).
     */
    Optional<List<StreamId>> append(Optional<PublishedEntry> newest, List<List<String>> entries) {
        List<String> args = checked(newest);
        entries.forEach(entry -> {
            args.add(Integer.toString(entry.size()));
            args.addAll(entry);
        });
        Response reply = send(appendScript, args);
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
        Response reply = send(acknowledgedScript, checked(newest));
        if (reply != null && reply.type() == ResponseType.NUMBER) {
            return new Acknowledged(true, Optional.empty());
        }
        return new Acknowledged(false, Optional.ofNullable(reply).map(id -> StreamId.parse(id.toString())));
    }

    /** Positions (0-based) of the entries no longer on the stream under their id with their event. */
    List<Integer> missing(List<PublishedEntry> entries) {
        List<String> args = new ArrayList<>();
        entries.forEach(entry -> {
            args.add(entry.id().toString());
            args.add(entry.eventId());
        });
        List<Integer> gone = new ArrayList<>();
        send(missingScript, args).forEach(position -> gone.add(position.toInteger() - 1));
        return gone;
    }

    /**
     * Trims entries below what every group acknowledged, never at or past {@code keepFrom}, and always below
     * {@code windowStart}. Returns the stream's length after.
     */
    long trim(StreamId keepFrom, StreamId windowStart) {
        Response reply = send(trimScript, new ArrayList<>(List.of(keepFrom.toString(), windowStart.toString())));
        return reply.get(1).toLong();
    }

    /** The newest published entry's id and event id ('' and '' for none), as every checked script starts. */
    private static List<String> checked(Optional<PublishedEntry> newest) {
        List<String> args = new ArrayList<>();
        args.add(newest.map(e -> e.id().toString()).orElse(""));
        args.add(newest.map(PublishedEntry::eventId).orElse(""));
        return args;
    }

    private Response send(RedisScript script, List<String> args) {
        args.add(0, key);
        return script.run(args.toArray(String[]::new)).await().atMost(TIMEOUT);
    }
}
