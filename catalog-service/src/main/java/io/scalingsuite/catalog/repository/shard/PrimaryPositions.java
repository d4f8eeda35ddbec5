package io.scalingsuite.catalog.repository.shard;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A shard primary's recent WAL insert positions, each with the time it was read: what a replica's replay position
 * says about its staleness. Keeps the positions of the last {@code window} (twice the lag bound is enough: a replica
 * behind all of them is out of rotation anyway). Used by one thread, {@link ReplicaMonitor}'s.
 */
final class PrimaryPositions {

    private record Sample(long lsn, long nanos) {
    }

    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    PrimaryPositions(Duration window) {
        this.windowNanos = window.toNanos();
    }

    void record(long lsn, long nanos) {
        samples.addLast(new Sample(lsn, nanos));
        while (samples.size() > 1 && nanos - samples.peekFirst().nanos() > windowNanos) {
            samples.removeFirst();
        }
    }

    /**
     * Seconds since the newest recorded position that {@code replayLsn} has reached: every transaction committed
     * before that moment is on the replica. A replica behind every recorded position is older than the oldest.
     */
    double lagSeconds(long replayLsn, long nowNanos) {
        var newestFirst = samples.descendingIterator();
        Sample oldest = null;
        while (newestFirst.hasNext()) {
            oldest = newestFirst.next();
            if (Long.compareUnsigned(replayLsn, oldest.lsn()) >= 0) {
                return (nowNanos - oldest.nanos()) / 1e9;
            }
        }
        return oldest == null ? Double.POSITIVE_INFINITY : Math.max(windowNanos, nowNanos - oldest.nanos()) / 1e9;
    }
}
