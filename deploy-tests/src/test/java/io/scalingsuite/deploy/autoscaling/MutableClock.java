package io.scalingsuite.deploy.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class MutableClock implements InstantSource {

    private Instant now;

    MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    void advanceSeconds(long seconds) {
        advance(Duration.ofSeconds(seconds));
    }
}
