package org.edupulse.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.edupulse.rules.EventRules;

/**
 * Settings of the indicator topology, checked when built so that a bad value fails at start-up
 * rather than as a wrong number later.
 *
 * @param catalogVersion  catalog version stamped on every published IndicatorSet
 * @param grace           how long after it was held a session may be recorded (broker append time)
 *                        without being late; a late one still counts in its day and is also written to
 *                        the late-event ledger, because it changed figures already published
 * @param maxFutureSkew   how far an event's occurredAt may lie after its record timestamp (the broker's
 *                        append time on the raw topics) before it is a dead letter as a time in the
 *                        future; by default the rules core's {@link EventRules#MAX_FUTURE_SKEW}, the
 *                        skew the publisher, the gateway and the importer allow against their clock
 * @param dedupRetention  how long, in event time, an event id is remembered to drop re-sends; at
 *                        least {@code grace}, since a re-send older than that is late anyway
 * @param referenceWait   how long an event read before its school's reference record is held for it,
 *                        in append time of the records read after it (or in wall-clock time while the
 *                        task reads nothing new); then it is a dead letter naming the unknown school
 * @param inMemoryState   keep the topology's own key-value stores in memory instead of RocksDB: for a
 *                        replay, which rebuilds its state from the log every time (the dedup window
 *                        stores stay RocksDB, whose expiry the live pipeline has)
 * @param clock           the wall clock whose day in the province's calendar the rolling windows end
 *                        on: the system clock live; a fixed instant for a replay "as of" that instant
 */
public record IndicatorsConfig(String catalogVersion, Duration grace, Duration maxFutureSkew, Duration dedupRetention,
                               Duration referenceWait, boolean inMemoryState, Clock clock) {

    public IndicatorsConfig {
        Objects.requireNonNull(catalogVersion, "catalogVersion");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(dedupRetention, "dedupRetention");
        Objects.requireNonNull(referenceWait, "referenceWait");
        Objects.requireNonNull(clock, "clock");
        if (referenceWait.isNegative() || referenceWait.isZero()) {
            throw new IllegalArgumentException("referenceWait must be positive: " + referenceWait);
        }
        if (catalogVersion.isBlank()) {
            throw new IllegalArgumentException("catalogVersion must not be blank");
        }
        if (grace.isNegative() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("grace and maxFutureSkew must not be negative");
        }
        if (dedupRetention.compareTo(grace) < 0 || dedupRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("dedupRetention (" + dedupRetention
                    + ") must be at least the grace period (" + grace + ") and at least one day");
        }
    }

    /**
     * Grace 7 days (schools hand in training registers up to a week late), future skew 5 minutes (the
     * rules core's, so the pipeline refuses what the entry points refuse), event ids remembered 400
     * days (longer than the widest window), events held 5 minutes for a school reference record still
     * in flight.
     */
    public static IndicatorsConfig defaults() {
        return new IndicatorsConfig(IndicatorCatalog.VERSION, Duration.ofDays(7), EventRules.MAX_FUTURE_SKEW,
                Duration.ofDays(400),
                Duration.ofMinutes(5), false, Clock.systemUTC());
    }

    /** A copy with another grace period. */
    public IndicatorsConfig withGrace(final Duration newGrace) {
        return new IndicatorsConfig(catalogVersion, newGrace, maxFutureSkew, dedupRetention, referenceWait,
                inMemoryState, clock);
    }

    /** A copy with another future skew. */
    public IndicatorsConfig withMaxFutureSkew(final Duration newSkew) {
        return new IndicatorsConfig(catalogVersion, grace, newSkew, dedupRetention, referenceWait, inMemoryState, clock);
    }

    /** A copy whose own stores live in memory (pair it with in-memory DSL store suppliers). */
    public IndicatorsConfig withInMemoryState() {
        return new IndicatorsConfig(catalogVersion, grace, maxFutureSkew, dedupRetention, referenceWait, true, clock);
    }

    /** A copy whose rolling windows end on the day of {@code newClock}. */
    public IndicatorsConfig withClock(final Clock newClock) {
        return new IndicatorsConfig(catalogVersion, grace, maxFutureSkew, dedupRetention, referenceWait, inMemoryState,
                newClock);
    }

    /** A copy with another reference wait. */
    public IndicatorsConfig withReferenceWait(final Duration newWait) {
        return new IndicatorsConfig(catalogVersion, grace, maxFutureSkew, dedupRetention, newWait, inMemoryState, clock);
    }
}
