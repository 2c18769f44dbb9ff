package org.edupulse.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.edupulse.producers.EventPublisher;
import org.edupulse.schemas.School;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.LiveEventSource;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;

/**
 * Feeds a profile's generated history, then paced live events, through the publisher. Shared by
 * {@code demo} and {@code simulate} so that both publish exactly the same events for a seed.
 */
final class SimulationRunner {

    private final EventPublisher publisher;
    private final Profile profile;
    private final long seed;

    SimulationRunner(final EventPublisher publisher, final Profile profile, final long seed) {
        this.publisher = publisher;
        this.profile = profile;
        this.seed = seed;
    }

    /** What a published history holds: its acknowledged records and the districts its schools report to. */
    record History(long events, Set<String> districtIds, List<String> firstSchoolPerDistrict) {
    }

    /** Publishes the whole history and waits until every record is acknowledged. */
    History publishHistory() throws InterruptedException {
        final AtomicLong acknowledged = new AtomicLong();
        final SchoolsSeen schools = new SchoolsSeen();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Iterator<SimulatedEvent> events = new HistoryGenerator().history(profile, seed).iterator();
        CompletableFuture<?> last = CompletableFuture.completedFuture(null);
        while (events.hasNext() && failure.get() == null) {
            final SimulatedEvent event = events.next();
            schools.see(event);
            last = publisher.send(event.value()).whenComplete((metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else {
                    acknowledged.incrementAndGet();
                }
            });
        }
        publisher.flush();
        try {
            last.get();
        } catch (final ExecutionException e) {
            failure.compareAndSet(null, e.getCause());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Publishing the " + profile.profileName() + " history failed: "
                    + failure.get().getMessage(), failure.get());
        }
        return schools.history(acknowledged.get());
    }

    /**
     * What {@link #publishHistory()} would publish, without publishing it: for a restart on data
     * that already holds this history, which must not be sent twice.
     */
    History describeHistory() {
        final SchoolsSeen schools = new SchoolsSeen();
        final Iterator<SimulatedEvent> events = new HistoryGenerator().history(profile, seed).iterator();
        long count = 0;
        while (events.hasNext()) {
            schools.see(events.next());
            count++;
        }
        return schools.history(count);
    }

    /** The districts of a history's schools and the first school (by id) of each. */
    private static final class SchoolsSeen {
        private final Map<String, String> firstSchools = new TreeMap<>();

        void see(final SimulatedEvent event) {
            if (event.value() instanceof School school) {
                firstSchools.merge(school.getDistrictId(), school.getSchoolId(),
                        (first, other) -> first.compareTo(other) <= 0 ? first : other);
            }
        }

        History history(final long events) {
            return new History(events, Set.copyOf(firstSchools.keySet()), List.copyOf(firstSchools.values()));
        }
    }

    /**
     * Publishes live events at {@code perSecond} until {@code stop} opens or {@code duration}
     * passes (null: no limit). Returns how many were sent.
     */
    long publishLive(final double perSecond, final Duration duration, final StopSignal stop) throws InterruptedException {
        if (perSecond <= 0) {
            return 0;
        }
        final LiveEventSource source = new LiveEventSource(profile, seed, Clock.systemUTC());
        final long intervalNanos = (long) (1_000_000_000L / perSecond);
        final long start = System.nanoTime();
        final long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long sent = 0;
        long next = start;
        while (System.nanoTime() < end) {
            publisher.send(source.next().value());
            sent++;
            next += intervalNanos;
            final long wait = Math.min(next, end) - System.nanoTime();
            // Pacing the live feed to the requested rate: wait for the next send slot or for a stop.
            if (wait > 0 && stop.await(Duration.ofNanos(wait)) || stop.isStopped()) {
                break;
            }
        }
        publisher.flush();
        return sent;
    }
}
