package io.scalingsuite.catalog.events;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scalingsuite.catalog.config.CatalogConfig;

/**
 * Publishes again every published row of a shard whose entry the stream no longer has (Redis restarted without
 * persistence, a failover lost the last writes, the key was deleted), in outbox order, under new stream ids.
 * Runs under the shard's outbox lock, in one transaction: until it commits, the newest row still points at a lost
 * entry, so an interrupted repair is simply done again. Consumers drop the copies they already applied by event id.
 */
@ApplicationScoped
public class OutboxRepair {

    private static final Logger LOG = Logger.getLogger(OutboxRepair.class);
    private static final int PAGE = 500;

    private final OutboxStream stream;
    private final int batchSize;
    private final Counter republished;

    public OutboxRepair(OutboxStream stream, CatalogConfig config, MeterRegistry registry) {
        this.stream = stream;
        this.batchSize = config.outbox().batchSize();
        this.republished = registry.counter("catalog.outbox.republished");
    }

    /** Returns how many rows went out again. */
    int repair(OutboxRows rows, StreamId windowStart) throws SQLException {
        List<Long> lost = lostRows(rows, windowStart);
        Collections.sort(lost);
        for (int from = 0; from < lost.size(); from += batchSize) {
            List<OutboxRows.Row> batch = rows.byIds(lost.subList(from, Math.min(lost.size(), from + batchSize)));
            List<StreamId> ids = stream.append(Optional.empty(),
                    batch.stream().map(OutboxRows.Row::fields).toList()).orElseThrow();
            rows.published(batch, ids);
        }
        republished.increment(lost.size());
        LOG.warnf("The stream %s lost %d entries of this shard; published them again", stream.key(), lost.size());
        return lost.size();
    }

    private List<Long> lostRows(OutboxRows rows, StreamId windowStart) throws SQLException {
        List<Long> lost = new ArrayList<>();
        StreamId after = new StreamId(windowStart.millis(), -1);
        while (true) {
            List<Long> keys = new ArrayList<>(PAGE);
            List<PublishedEntry> page = rows.publishedAfter(after, PAGE, keys);
            if (page.isEmpty()) {
                return lost;
            }
            stream.missing(page).forEach(position -> lost.add(keys.get(position)));
            after = page.get(page.size() - 1).id();
        }
    }
}
