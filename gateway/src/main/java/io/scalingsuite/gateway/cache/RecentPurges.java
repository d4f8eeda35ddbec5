package io.scalingsuite.gateway.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The near cache's epoch and the tags of its last {@value #KEPT} purges, so that a response read from Redis before
 * a purge is refused only if the purge concerned it. With one epoch for all tags, each of the several purges per
 * write refused every Redis read in flight: under 50 writes a second one replica answered a fifth of its reads
 * from Redis instead of a twentieth, for entries no write had touched. When more purges than it keeps happened
 * since a read, it cannot tell and says the entry was touched.
 */
final class RecentPurges {

    static final int KEPT = 256;
    private static final int MASK = KEPT - 1;
    /** Stands for every tag (the purge subscription was lost or made again); compared by identity. */
    private static final Collection<String> EVERYTHING = Collections.unmodifiableList(new ArrayList<>(0));

    private final AtomicReferenceArray<Collection<String>> tags = new AtomicReferenceArray<>(KEPT);
    private final AtomicLong epoch = new AtomicLong();

    /** The current epoch: read it before asking Redis, pass it to {@link #touchedSince}. */
    long epoch() {
        return epoch.get();
    }

    /** Records a purge of these tags. */
    void purged(Collection<String> purged) {
        record(List.copyOf(purged));
    }

    /** Records a purge of every tag. */
    void purgedEverything() {
        record(EVERYTHING);
    }

    /** One writer at a time, the tags in place before the epoch shows them. */
    private synchronized void record(Collection<String> purged) {
        long next = epoch.get() + 1;
        tags.set((int) (next & MASK), purged);
        epoch.set(next);
    }

    /** Whether a purge after {@code before} may have concerned an entry carrying {@code entryTags}. */
    boolean touchedSince(long before, Collection<String> entryTags) {
        long now = epoch.get();
        if (now - before >= KEPT) {
            return true;
        }
        for (long e = before + 1; e <= now; e++) {
            Collection<String> purged = tags.get((int) (e & MASK));
            if (purged == EVERYTHING || !Collections.disjoint(purged, entryTags)) {
                return true;
            }
        }
        return epoch.get() - before >= KEPT; // the slots read may have been reused meanwhile
    }
}
