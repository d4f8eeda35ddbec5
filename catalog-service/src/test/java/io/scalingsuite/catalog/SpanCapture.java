package io.scalingsuite.catalog;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.awaitility.Awaitility;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/** The spans catalog records in tests: an in-memory exporter (Quarkus exports to every SpanExporter bean). */
@Singleton
public class SpanCapture {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return exporter;
    }

    /** The finished spans of one trace, once {@code complete} holds for them (spans are exported in batches). */
    static List<SpanData> trace(InMemorySpanExporter exporter, String traceId, Predicate<List<SpanData>> complete) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList(), complete);
    }
}
