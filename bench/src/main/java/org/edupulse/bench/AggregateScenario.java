package org.edupulse.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.app.IndicatorsApp;
import org.edupulse.platform.Directories;
import org.edupulse.topics.Topic;

/**
 * Scenario 2: the events already in the raw topics, the indicators application (exactly-once v2,
 * the product's settings) started from nothing under a new application id with empty state;
 * events/s from {@code start()} until {@link CaughtUp} sees every output committed. Start-up,
 * group join and internal topic creation are inside the measurement.
 */
final class AggregateScenario {

    static final String SCENARIO = "2 aggregate";
    static final double TARGET_EVENTS_PER_SECOND = 100_000;

    private final BenchBroker broker;
    private final BenchSettings settings;
    private final PrintWriter log;

    AggregateScenario(final BenchBroker broker, final BenchSettings settings, final PrintWriter log) {
        this.broker = broker;
        this.settings = settings;
        this.log = log;
    }

    List<Result> run(final long events) {
        final List<Double> rates = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            final double elapsed = runOnce("bench-aggregate-" + rep + "-" + System.currentTimeMillis(), events);
            rates.add(events / elapsed);
            seconds.add(elapsed);
            log.printf(Locale.ROOT, "  aggregate %d/%d: %,d events in %.1f s = %,.0f events/s%n", rep,
                    settings.repetitions(), events, elapsed, events / elapsed);
            log.flush();
        }
        final double median = Stats.median(rates);
        return List.of(Result.alone(SCENARIO, "events/s", rates, ">= 100,000 events/s",
                median >= TARGET_EVENTS_PER_SECOND, String.format(Locale.ROOT,
                        "%,d events (school reference + 4 raw topics, 3 partitions each), exactly_once_v2,"
                                + " commit.interval.ms 200, 1 stream thread; from start() to every output committed;"
                                + " median %.1f s", events, Stats.median(seconds))));
    }

    /** One run from nothing; returns seconds until every output is committed. */
    double runOnce(final String applicationId, final long events) {
        final List<String> inputs = BenchBroker.INPUTS.stream().map(Topic::name).toList();
        final Map<TopicPartition, Long> ends = broker.endOffsets(broker.partitions(inputs), false);
        final Path stateDir = tempDir();
        try (IndicatorsApp app = new IndicatorsApp(broker.bootstrapServers(), broker.schemaRegistryUrl(), applicationId,
                stateDir)) {
            final long start = System.nanoTime();
            app.start();
            final Duration timeout = Duration.ofSeconds(Math.max(120, events / 5_000));
            if (!new CaughtUp(broker, applicationId, ends).await(timeout)) {
                throw new IllegalStateException("Indicators application " + applicationId + " not caught up within "
                        + timeout + " (state " + app.streams().state() + ")");
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("edupulse-bench-streams-");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
