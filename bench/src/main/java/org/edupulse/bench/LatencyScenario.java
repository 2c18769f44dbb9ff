package org.edupulse.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.LiveEventSource;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.topics.Topics;

/**
 * Scenario 3: the indicators application caught up on the raw topics, then live events from the
 * simulator sent through our publisher at a steady rate; for each event, the time from handing it
 * to the publisher until its district's IndicatorSet reflecting it is readable by a
 * {@code read_committed} consumer (attribution by unique occurredAt, see {@link LatencyTracker}).
 * Certification events are sent but not timed: a certificate reaches its district through the
 * person's roster record, whose occurredAt the IndicatorSet's asOf carries, not the certificate's.
 * Nor are the events that take a person or a device away from a school (a retirement, a release,
 * a leaver): the asOf of a sum is the latest time among what it still holds, so a removal shows in
 * the figures without raising it, and such an event could only be attributed to a later event's set.
 */
final class LatencyScenario {

    static final String SCENARIO = "3 latency";
    static final double TARGET_P99_MS = 250;
    static final String TARGET = "< 250 ms";
    /** The rate issue #19's p99 target is set at; a lower rate would make it easier, so it is judged at this one only. */
    static final int TARGET_RATE = 1_000;
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final BenchBroker broker;
    private final BenchSettings settings;
    private final PrintWriter log;

    LatencyScenario(final BenchBroker broker, final BenchSettings settings, final PrintWriter log) {
        this.broker = broker;
        this.settings = settings;
        this.log = log;
    }

    /** @param caughtUp an application already caught up on the loaded events, or null to start one here */
    List<Result> run(final EventCorpus corpus, final IndicatorsRun caughtUp) {
        final Map<String, String> districtOfSchool = corpus.districtOfSchool();
        final LatencyTracker tracker = new LatencyTracker();
        final List<Double> p50 = new ArrayList<>();
        final List<Double> p99 = new ArrayList<>();
        final List<Double> max = new ArrayList<>();
        long timed = 0;
        long unresolved = 0;
        final AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = null;
        final IndicatorsRun own = caughtUp == null ? new IndicatorsRun(broker, "bench-latency-" + System.currentTimeMillis(),
                settings.streamsOverrides(), settings.inMemoryState()) : null;
        try (EventPublisher publisher = new EventPublisher(PublisherConfig.of(broker.bootstrapServers(),
                     broker.schemaRegistryUrl()))) {
            if (own != null) {
                AggregateScenario.catchUp(broker, own, settings.events());
            }
            reader = startReader(tracker, reading);
            final LiveEventSource source = new LiveEventSource(Profile.DIEN_BIEN_2025, HistoryGenerator.DEFAULT_SEED,
                    new UniqueMillisClock());
            // A short untimed warm-up at the same rate, so the first repetition does not time JIT compilation.
            send(publisher, source, null, districtOfSchool, Math.min(settings.latencySeconds(), 5));
            awaitDrained(tracker);
            tracker.expire(0);
            tracker.drainLatencies();
            final IndicatorsRun app = own != null ? own : caughtUp;
            for (int rep = 1; rep <= settings.repetitions(); rep++) {
                final double commitsBefore = AggregateScenario.commits(app);
                final long sendStart = System.nanoTime();
                timed += send(publisher, source, tracker, districtOfSchool, settings.latencySeconds());
                log.printf(Locale.ROOT, "  commits while sending: %,.0f in %.1f s%n", AggregateScenario.commits(app)
                        - commitsBefore, (System.nanoTime() - sendStart) / 1e9);
                final int late = awaitDrained(tracker) ? 0 : tracker.expire(DRAIN.toMillis());
                unresolved += late;
                final List<Double> latencies = tracker.drainLatencies();
                p50.add(Stats.percentile(latencies, 50));
                p99.add(Stats.percentile(latencies, 99));
                max.add(Stats.percentile(latencies, 100));
                log.printf(Locale.ROOT, "  latency %d/%d: %d events timed, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n",
                        rep, settings.repetitions(), latencies.size(), p50.get(rep - 1), p99.get(rep - 1),
                        max.get(rep - 1), late == 0 ? "" : ", " + late + " not seen within " + DRAIN.toSeconds() + " s");
                log.flush();
            }
        } finally {
            reading.set(false);
            if (reader != null) {
                try {
                    reader.join(10_000);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (own != null) {
                own.close();
            }
        }
        final String note = String.format(Locale.ROOT, "%d events/s for %d s per repetition, %,d events timed"
                        + " (certifications and removals of people and devices sent, not timed)%s; from"
                        + " EventPublisher.send() to the district IndicatorSet"
                        + " with asOf >= the event's unique occurredAt read by a read_committed consumer"
                        + " (fetch.max.wait.ms 10); linger.ms 20, commit.interval.ms %d (live; %d while catching up), %s, %s",
                settings.latencyRate(), settings.latencySeconds(), timed,
                unresolved == 0 ? "" : ", " + unresolved + " never seen, counted as " + DRAIN.toMillis() + " ms",
                settings.liveCommitIntervalMs(), settings.catchUpCommitIntervalMsInEffect(),
                settings.streamThreadsLabel(), settings.storesLabel());
        return List.of(
                Result.alone(SCENARIO, "p50 ms", p50, null, null, note),
                p99Row(p99, settings.latencyRate()),
                Result.alone(SCENARIO, "max ms", max, null, null, ""));
    }

    /** The p99 row: judged against the 250 ms only at the 1,000 events/s. */
    static Result p99Row(final List<Double> p99, final int rate) {
        if (rate != TARGET_RATE) {
            return Result.alone(SCENARIO, "p99 ms", p99, TARGET, null, String.format(Locale.ROOT,
                    "not judged: measured at %,d events/s, the issue's target is at %,d events/s", rate, TARGET_RATE));
        }
        return Result.alone(SCENARIO, "p99 ms", p99, TARGET, Stats.median(p99) < TARGET_P99_MS, "");
    }

    /** Sends {@code seconds × rate} live events, paced; tracks the timed ones when a tracker is given. */
    private long send(final EventPublisher publisher, final LiveEventSource source, final LatencyTracker tracker,
                      final Map<String, String> districtOfSchool, final int seconds) {
        final long interval = 1_000_000_000L / settings.latencyRate();
        final long count = (long) seconds * settings.latencyRate();
        long next = System.nanoTime();
        long timed = 0;
        for (long i = 0; i < count; i++) {
            final long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            next += interval;
            final SimulatedEvent event = source.next();
            final GenericRecord value = (GenericRecord) event.value();
            final long occurredAt = ((Instant) value.get("occurredAt")).toEpochMilli();
            final String district = districtOfSchool.get(event.key());
            if (tracker != null && district != null && timed(event.value())) {
                tracker.sent(district, occurredAt, System.nanoTime());
                timed++;
            }
            publisher.send(event.value());
        }
        publisher.flush();
        return timed;
    }

    /**
     * Whether an event's occurredAt reaches its district's asOf, so that the set it shows in can be told:
     * not a certification (its person's roster time is what counts), nor a removal of a person or device.
     */
    static boolean timed(final Object event) {
        if (event instanceof DeviceEvent device) {
            return device.getAction() != DeviceAction.RETIRED && device.getAction() != DeviceAction.RELEASED;
        }
        if (event instanceof StaffEvent staff) {
            return staff.getAction() != StaffAction.LEFT && staff.getAction() != StaffAction.RELEASED;
        }
        return !(event instanceof CertificationEvent);
    }

    private static boolean awaitDrained(final LatencyTracker tracker) {
        final long deadline = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (tracker.pendingCount() == 0) {
                return true;
            }
            BenchBroker.pause(20);
        }
        return tracker.pendingCount() == 0;
    }

    private Thread startReader(final LatencyTracker tracker, final AtomicBoolean reading) {
        final Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, broker.schemaRegistryUrl());
        final KafkaConsumer<String, IndicatorSet> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                SpecificAvroSerde.of(IndicatorSet.class, serde, false).deserializer());
        final List<TopicPartition> partitions = broker.partitions(List.of(Topics.DISTRICT_INDICATORS.name()));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        final Thread thread = new Thread(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (final ConsumerRecord<String, IndicatorSet> record : consumer.poll(Duration.ofMillis(100))) {
                        final long readAt = System.nanoTime();
                        tracker.read(record.key(), record.value().getAsOf().toEpochMilli(), readAt);
                    }
                }
            }
        }, "bench-latency-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The district each school of the corpus reports to now (its latest version). */
    static Map<String, String> districtOf(final List<School> schools) {
        final Map<String, School> latest = new HashMap<>();
        for (final School school : schools) {
            latest.merge(school.getSchoolId(), school,
                    (a, b) -> a.getEffectiveFrom().isAfter(b.getEffectiveFrom()) ? a : b);
        }
        final Map<String, String> districts = new HashMap<>();
        latest.forEach((id, school) -> districts.put(id, school.getDistrictId()));
        return districts;
    }
}
