package io.scalingsuite.aggregation.views.rebuilding;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.scalingsuite.aggregation.config.AggregationConfig;
import io.scalingsuite.contracts.CallerSignature;

/**
 * Rebuilds every view from catalog's consistent snapshot ({@code GET /api/catalog/admin/export}) while live
 * events keep flowing. The snapshot is staged, then merged in one transaction by {@link SnapshotMerger}: the views
 * become the snapshot (versions included, also lower ones after catalog was reloaded, so later events apply),
 * except rows written by events after the snapshot; rows catalog no longer has are dropped; every derived number
 * is recomputed from the merged rows, so the result equals an incremental build. Then shared caches are told to
 * drop every view response ({@link RebuildPurges}).
 */
@ApplicationScoped
public class ViewRebuilder {

    private static final Logger LOG = Logger.getLogger(ViewRebuilder.class);
    private static final String EXPORT_PATH = "/api/catalog/admin/export";
    /** The caller name of this service's own requests to catalog. */
    private static final String SELF = "aggregation-service";

    private final DataSource dataSource;
    private final SnapshotMerger merger;
    private final RebuildPurges purges;
    private final String exportUrl;
    private final CallerSignature signature;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.idle());

    public ViewRebuilder(DataSource dataSource, SnapshotMerger merger, RebuildPurges purges, AggregationConfig config,
            CallerSignature signature) {
        this.dataSource = dataSource;
        this.merger = merger;
        this.purges = purges;
        this.exportUrl = config.catalogUrl() + EXPORT_PATH;
        this.signature = signature;
    }

    public RebuildStatus status() {
        return status.get();
    }

    /** Starts a rebuild in the background; empty when one is already running. */
    public java.util.Optional<RebuildStatus> start() {
        RebuildStatus current = status.get();
        RebuildStatus starting = new RebuildStatus("downloading", 0, 0, 0, null, Instant.now(), null, null);
        if (current.running() || !status.compareAndSet(current, starting)) {
            return java.util.Optional.empty();
        }
        Thread worker = new Thread(this::run, "view-rebuild");
        worker.setDaemon(true);
        worker.start();
        return java.util.Optional.of(starting);
    }

    private void run() {
        Instant started = status.get().startedAt();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            SnapshotMerger.Staged staged;
            merger.begin(c);
            // catalog admits its export only to a signed caller with scope admin, as it would through the gateway
            HttpRequest request = HttpRequest.newBuilder(URI.create(exportUrl)).GET().header(CallerSignature.HEADER,
                    signature.sign("GET", EXPORT_PATH, SELF, "admin")).build();
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IOException("catalog export answered " + response.statusCode());
            }
            try (Stream<String> lines = response.body()) {
                staged = merger.stage(c, lines.iterator(), progress -> status.set(new RebuildStatus("downloading",
                        progress[0], progress[1], progress[2], null, started, null, null)));
            }
            status.set(new RebuildStatus("writing", staged.categories(), staged.products(), staged.reviews(),
                    staged.streamPosition(), started, null, null));
            merger.merge(c, staged);
            c.commit();
            c.setAutoCommit(true);
            purges.everything(c);
            merger.tidy(c);
            status.set(new RebuildStatus("done", staged.categories(), staged.products(), staged.reviews(),
                    staged.streamPosition(), started, Instant.now(), null));
            LOG.infof("Views rebuilt from %d categories, %d products, %d reviews in %d ms", staged.categories(),
                    staged.products(), staged.reviews(), Duration.between(started, Instant.now()).toMillis());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("View rebuild failed", e);
            RebuildStatus last = status.get();
            status.set(new RebuildStatus("failed", last.categories(), last.products(), last.reviews(),
                    last.streamPosition(), started, Instant.now(), String.valueOf(e.getMessage())));
        }
    }
}
