package io.scalingsuite.catalog.repository.shard;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.RequestScoped;

/**
 * The consistency of one HTTP request: the token it brought (reads on this request's threads honour it), and the
 * WAL positions its writes reached once committed, per shard, which the response filter returns as a new token.
 */
@RequestScoped
public class RequestConsistency {

    private final Map<String, Long> written = new TreeMap<>();
    private ConsistencyToken requested;

    public ConsistencyToken requested() {
        return requested;
    }

    public void requested(ConsistencyToken token) {
        this.requested = token;
    }

    void written(String shard, long lsn) {
        written.merge(shard, lsn, Math::max);
    }

    /** The positions written in this request (empty when none). */
    public Map<String, Long> written() {
        return Map.copyOf(written);
    }
}
