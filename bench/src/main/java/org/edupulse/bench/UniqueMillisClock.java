package org.edupulse.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, except that no two readings are equal: each is at least one millisecond after
 * the previous one. At 1,000 events/s it stays within a few milliseconds of real time, and it makes
 * every event's occurredAt a unique tag that {@link LatencyTracker} finds again in {@code asOf}.
 */
final class UniqueMillisClock extends Clock {

    private long last;

    @Override
    public synchronized Instant instant() {
        last = Math.max(System.currentTimeMillis(), last + 1);
        return Instant.ofEpochMilli(last);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        throw new UnsupportedOperationException("a UTC clock");
    }
}
