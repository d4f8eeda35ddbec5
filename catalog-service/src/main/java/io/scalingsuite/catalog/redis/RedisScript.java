package io.scalingsuite.catalog.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script that Redis runs by its SHA1 ({@code EVALSHA}), so a call neither sends the text nor makes Redis hash
 * it again (running the script still costs Redis several times a plain GET). A Redis whose script cache lacks it
 * (restarted, {@code SCRIPT FLUSH}, a new cluster node) answers NOSCRIPT; then the same call goes once more with the
 * text ({@code EVAL}), which runs the script and caches it for the next EVALSHA. So NOSCRIPT costs one more round trip,
 * never a failure: the caller sees only what EVAL would have answered, and its own timeout covers both calls. Every
 * script of catalog goes this way (the cache's and the outbox stream's), so a plain EVAL in Redis' command
 * statistics means a NOSCRIPT.
 */
public final class RedisScript {

    private final ReactiveRedisDataSource redis;
    private final RedisSpans spans;
    private final String text;
    private final String sha;
    private final String keyCount;

    public RedisScript(ReactiveRedisDataSource redis, RedisSpans spans, int keyCount, String text) {
        this.redis = redis;
        this.spans = spans;
        this.text = text;
        this.sha = sha1(text);
        this.keyCount = Integer.toString(keyCount);
    }

    /** Runs the script on its keys (the first {@code keyCount} values) and arguments (the rest). */
    public Uni<Response> run(String... keysThenArgs) {
        return spans.around("EVALSHA", () -> redis.execute(Command.EVALSHA, args(sha, keysThenArgs)))
                .onFailure(RedisScript::isNoScript)
                .recoverWithUni(noScript -> spans.around("EVAL", () -> redis.execute(Command.EVAL,
                        args(text, keysThenArgs))));
    }

    private String[] args(String script, String[] keysThenArgs) {
        String[] args = new String[keysThenArgs.length + 2];
        args[0] = script;
        args[1] = keyCount;
        System.arraycopy(keysThenArgs, 0, args, 2, keysThenArgs.length);
        return args;
    }

    /** Redis' error reply starts with its kind: {@code NOSCRIPT No matching script. Please use EVAL.} */
    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    /** As Redis names a script: the hex SHA1 of its bytes as sent (UTF-8). */
    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
