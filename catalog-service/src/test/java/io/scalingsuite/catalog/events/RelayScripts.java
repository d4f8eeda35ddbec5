package io.scalingsuite.catalog.events;

import java.util.List;

import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Puts the outbox relay's scripts in Redis' script cache ({@code SCRIPT LOAD}). The relay runs them in the
 * background (the keeper every second), so after Redis forgot them (restarted empty, {@code SCRIPT FLUSH}) its next
 * run of each is an EVAL at a moment no test chooses; a test that counts EVALs loads them first.
 */
public final class RelayScripts {

    private RelayScripts() {
    }

    public static void loadInto(RedisDataSource redis) {
        for (String text : List.of(StreamScripts.APPEND, StreamScripts.ACKNOWLEDGED, StreamScripts.MISSING,
                StreamScripts.TRIM)) {
            redis.execute("SCRIPT", "LOAD", text);
        }
    }
}
