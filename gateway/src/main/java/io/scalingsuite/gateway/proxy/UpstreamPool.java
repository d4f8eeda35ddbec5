package io.scalingsuite.gateway.proxy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

import io.vertx.core.net.SocketAddress;

/**
 * A route's upstream addresses. Each request goes to the healthy address with the fewest requests waiting for an
 * answer's head, round-robin among equals: a frozen upstream (a paused process, a full GC) still accepts
 * connections, and round-robin would keep sending it every other request until each times out; here the requests
 * it holds make it the last choice. Passive health: an address that failed to connect is skipped until its
 * quarantine ends (or when every address is quarantined, so a recovered upstream is found again).
 */
public final class UpstreamPool {

    private final List<SocketAddress> addresses;
    private final AtomicLongArray skipUntilNanos;
    private final AtomicIntegerArray waiting;
    private final AtomicInteger next = new AtomicInteger();
    private final long quarantineNanos;

    public UpstreamPool(List<String> hostPorts, Duration quarantine) {
        if (hostPorts.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one upstream address");
        }
        this.addresses = hostPorts.stream().map(UpstreamPool::parse).toList();
        this.skipUntilNanos = new AtomicLongArray(addresses.size());
        this.waiting = new AtomicIntegerArray(addresses.size());
        this.quarantineNanos = quarantine.toNanos();
    }

    /**
     * The healthy address other than {@code exclude} (-1 for none) with the fewest requests waiting, or -1 when
     * there is none.
     */
    public int pick(int exclude) {
        int size = addresses.size();
        long now = System.nanoTime();
        int start = Math.floorMod(next.getAndIncrement(), size);
        int best = -1;
        int fallback = -1;
        for (int i = 0; i < size; i++) {
            int candidate = (start + i) % size;
            if (candidate == exclude) {
                continue;
            }
            if (skipUntilNanos.get(candidate) - now > 0) {
                fallback = fallback < 0 ? candidate : fallback;
            } else if (best < 0 || waiting.get(candidate) < waiting.get(best)) {
                best = candidate;
            }
        }
        return best >= 0 ? best : exclude < 0 ? fallback : -1;
    }

    /** A request to {@code index} was sent; {@link #answered} must follow, whatever its outcome. */
    public void sent(int index) {
        waiting.incrementAndGet(index);
    }

    /** The request to {@code index} got its answer's head, or failed. */
    public void answered(int index) {
        waiting.decrementAndGet(index);
    }

    /** Requests sent to {@code index} and not answered yet. */
    public int waiting(int index) {
        return waiting.get(index);
    }

    public SocketAddress address(int index) {
        return addresses.get(index);
    }

    public int size() {
        return addresses.size();
    }

    public void markFailed(int index) {
        skipUntilNanos.set(index, System.nanoTime() + quarantineNanos);
    }

    public void markHealthy(int index) {
        skipUntilNanos.set(index, System.nanoTime());
    }

    static SocketAddress parse(String hostPort) {
        String value = hostPort.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("upstream address must be host:port, got '" + value + "'");
        }
        return SocketAddress.inetSocketAddress(Integer.parseInt(value.substring(colon + 1)), value.substring(0, colon));
    }
}
