package io.scalingsuite.aggregation.views.rebuilding;

import java.time.Instant;

/** Where the last rebuild is: {@code idle}, {@code downloading}, {@code writing}, {@code done} or {@code failed}. */
public record RebuildStatus(String state, long categories, long products, long reviews, String streamPosition,
        Instant startedAt, Instant finishedAt, String error) {

    public static RebuildStatus idle() {
        return new RebuildStatus("idle", 0, 0, 0, null, null, null, null);
    }

    public boolean running() {
        return state.equals("downloading") || state.equals("writing");
    }
}
