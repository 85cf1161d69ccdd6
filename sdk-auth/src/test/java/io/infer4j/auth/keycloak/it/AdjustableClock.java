package io.infer4j.auth.keycloak.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real clock plus an offset a test can move: lets a provider believe that more (or less) time
 * has passed than really has, while the real Keycloak keeps real time.
 */
final class AdjustableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void shift(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
