package io.scalingsuite.gateway.proxy;

import java.util.function.Supplier;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * A read whose answer is late is sent once more, and the first answer's head wins. Why: a frozen upstream (a paused
 * process, a long GC pause, a hung node) still accepts connections and holds every request it gets until the
 * route's timeout. Least-waiting ({@link UpstreamPool}) sends it few new ones, but each it holds (and every cache
 * miss coalesced behind one) would wait the whole timeout. So:
 * <ul>
 * <li>only a GET or HEAD without a body, whose copy cannot do harm, is hedged, once, after
 * {@code gateway.upstream.hedge-after} without its answer's head;</li>
 * <li>the copy goes on a fresh connection, to another address when the route has one (behind one Kubernetes
 * Service address a new connection most likely reaches another pod), and waits only for what is left of the
 * route's timeout;</li>
 * <li>not when the client is gone, the circuit is open, or the route's {@link HedgeBudget} is spent;</li>
 * <li>the loser is reset (or its answer read and dropped), so it no longer counts as waiting on its address; the
 * circuit counts the exchange once, by its winner, or by the last failure when both fail.</li>
 * </ul>
 * Runs on the request's event loop: the timer and every callback here share it.
 */
final class HedgedRead {

    /** One request of the race: its upstream request once sent, its answer, and whether it lost. */
    static final class Attempt {

        private final Promise<HttpClientRequest> sent = Promise.promise();
        private Future<HttpClientResponse> answer;
        private boolean lost;

        /** The upstream request, once connected; a lost attempt's is reset. */
        void sent(HttpClientRequest request) {
            sent.tryComplete(request);
        }

        /** Whether this attempt lost the race: nothing of it may be sent again. */
        boolean lost() {
            return lost;
        }

        Future<HttpClientResponse> answer() {
            return answer;
        }

        Attempt answering(Future<HttpClientResponse> answer) {
            this.answer = answer;
            return this;
        }

        private void cancel() {
            lost = true;
            if (answer.succeeded()) {
                ProxyHandler.abandon(answer.result(), ProxyHandler.declaredLength(answer.result()
                        .getHeader("Content-Length")));
            } else if (!answer.isComplete()) {
                sent.future().onSuccess(HttpClientRequest::reset);
            }
        }
    }

    private final Promise<HttpClientResponse> winner = Promise.promise();
    private final Attempt first;
    private Attempt second;

    private HedgedRead(Attempt first) {
        this.first = first;
    }

    /**
     * The first answer of {@code first} and, if it has none after {@code afterMillis}, of the copy {@code hedge}
     * sends ({@code null}: none may be sent now).
     */
    static Future<HttpClientResponse> race(Vertx vertx, long afterMillis, Attempt first, Supplier<Attempt> hedge) {
        HedgedRead race = new HedgedRead(first);
        long timer = vertx.setTimer(afterMillis, id -> race.hedge(hedge));
        first.answer.onComplete(result -> {
            vertx.cancelTimer(timer);
            race.settle(first, result);
        });
        return race.winner.future();
    }

    private void hedge(Supplier<Attempt> hedge) {
        if (first.answer.isComplete()) {
            return;
        }
        Attempt copy = hedge.get();
        if (copy != null) {
            second = copy;
            copy.answer.onComplete(result -> settle(copy, result));
        }
    }

    private void settle(Attempt attempt, AsyncResult<HttpClientResponse> result) {
        Attempt other = attempt == first ? second : first;
        if (result.succeeded()) {
            if (winner.tryComplete(result.result())) {
                if (other != null) {
                    other.cancel();
                }
            } else {
                attempt.cancel(); // both heads arrived at once: this one is read and dropped
            }
        } else if (!attempt.lost && (other == null || other.answer.isComplete())) {
            winner.tryFail(result.cause()); // nothing else may still answer
        }
    }
}
