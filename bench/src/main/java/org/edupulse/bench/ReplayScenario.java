package org.edupulse.bench;

import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.edupulse.audit.Axis;
import org.edupulse.audit.ReplayRequest;
import org.edupulse.audit.ReplayResult;
import org.edupulse.audit.Replayer;

/**
 * Scenario 4: the audit replay over every input record against Kafka's ConsumerPerformance reading
 * the same topics, alternating in each repetition. Ours is records fed to the topology ÷ the whole
 * {@code replay()} call (read the log, decode, order, run the topology, read the published history,
 * compare); the reference is ConsumerPerformance's fetch.nMsg.sec (its group join excluded, which
 * makes the reference higher and the ratio stricter).
 */
final class ReplayScenario {

    static final String SCENARIO = "4 replay";
    /** Issue #19: the replay of 1,000,000 records at least 0.25 of ConsumerPerformance on the same records. */
    static final double TARGET_RATIO = 0.25;

    private final BenchBroker broker;
    private final BenchSettings settings;
    private final PrintWriter log;

    ReplayScenario(final BenchBroker broker, final BenchSettings settings, final PrintWriter log) {
        this.broker = broker;
        this.settings = settings;
        this.log = log;
    }

    /**
     * @param records the first records of the log to replay (the known-at prefix)
     * @param asOf    the instant after which no record of the prefix was appended
     */
    List<Result> run(final long records, final Instant asOf) {
        final List<String> topics = BenchBroker.INPUT_NAMES;
        // The reference reads the whole log: a few thousand records take ConsumerPerformance a few
        // milliseconds, too short a run to give a stable rate.
        final long whole = broker.records(topics);
        final String regex = topics.stream().map(t -> t.replace(".", "\\.")).collect(Collectors.joining("|", "^(", ")$"));
        final List<Double> kafka = new ArrayList<>();
        final List<Double> ours = new ArrayList<>();
        String failure = null;
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            final KafkaTools.ConsumerFigures reference = KafkaTools.consumerPerformance(broker.bootstrapServers(), regex,
                    whole, "bench-consumer-performance-" + rep + "-" + System.currentTimeMillis());
            kafka.add(reference.fetchRecordsPerSecond());
            if (failure == null) {
                try {
                    ours.add(replayOnce(asOf, records));
                } catch (final RuntimeException | LinkageError e) {
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
            log.printf(Locale.ROOT, "  replay %d/%d: ConsumerPerformance %,.0f records/s (fetch), replay %s%n", rep,
                    settings.repetitions(), reference.fetchRecordsPerSecond(),
                    failure == null ? String.format(Locale.ROOT, "%,.0f records/s", ours.get(ours.size() - 1)) : failure);
            log.flush();
        }
        final String note = String.format(Locale.ROOT, "the first %,d records of the loaded log (school reference + 4 raw"
                + " topics); ours: edupulse replay known-at the instant after them, whole province, records fed ÷"
                + " duration of replay(); reference: ConsumerPerformance fetch.nMsg.sec over the whole log of the same topics (%,d records)",
                records, whole);
        if (failure != null) {
            return List.of(Result.notMeasured(SCENARIO, "records/s", "ratio >= " + TARGET_RATIO, "replay not available yet ("
                    + failure + "); ConsumerPerformance median " + String.format(Locale.ROOT, "%,.0f",
                    Stats.median(kafka)) + " records/s"));
        }
        return List.of(Result.throughputVs(SCENARIO, "records/s", ours, kafka, TARGET_RATIO, note));
    }

    private double replayOnce(final Instant asOf, final long records) {
        final Replayer replayer = new Replayer(broker.bootstrapServers(), broker.schemaRegistryUrl());
        final long cpu = processCpuNanos();
        final long gc = gcMillis();
        final long start = System.nanoTime();
        final ReplayResult result = replayer.replay(ReplayRequest.of(asOf, Axis.KNOWN_AT));
        final double seconds = (System.nanoTime() - start) / 1e9;
        if (result.eventsReplayed() == 0) {
            throw new IllegalStateException("replay fed no records (expected " + records + ")");
        }
        // On shared cores the wall time says little by itself: the CPU this JVM (broker included) spent
        // meanwhile does, and the figures' digest tells two builds that compute the same.
        log.printf(Locale.ROOT, "  replay: %.2f s, this JVM's CPU meanwhile %.2f s, GC %.2f s; figures %,d units, SHA-256 %s%n",
                seconds, (processCpuNanos() - cpu) / 1e9, (gcMillis() - gc) / 1e3, result.recomputed().size(), figuresDigest(result));
        return result.eventsReplayed() / seconds;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /** A digest of every recomputed figure (sorted by unit and indicator id): the same in two builds that compute the same. */
    private static String figuresDigest(final ReplayResult result) {
        try {
            final byte[] figures = result.recomputed().toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(figures)).substring(0, 16);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
