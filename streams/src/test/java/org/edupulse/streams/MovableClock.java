package org.edupulse.streams;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock a test moves by hand, together with the TopologyTestDriver's own. */
final class MovableClock extends Clock {

    private volatile Instant now;

    MovableClock(final Instant start) {
        this.now = start;
    }

    void set(final Instant instant) {
        this.now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }
}
