package org.edupulse.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.edupulse.app.IndicatorsApp;

/**
 * Scenario 2: the events already in the raw topics, the indicators application (exactly-once v2,
 * the product's settings) started from nothing under a new application id with empty state;
 * events/s from {@code start()} until {@link CaughtUp} sees every output committed. Start-up,
 * group join and internal topic creation are inside the measurement.
 */
final class AggregateScenario {

    static final String SCENARIO = "2 aggregate";
    /** Issue #19: at least 50,000 events/s over 1,000,000 events (the full run's --events). */
    static final double TARGET_EVENTS_PER_SECOND = 50_000;
    static final String TARGET = ">= 50,000 events/s";

    private final BenchBroker broker;
    private final BenchSettings settings;
    private final PrintWriter log;

    AggregateScenario(final BenchBroker broker, final BenchSettings settings, final PrintWriter log) {
        this.broker = broker;
        this.settings = settings;
        this.log = log;
    }

    private IndicatorsRun kept;

    /**
     * @param keepLast leave the last repetition's application running (caught up) for the latency
     *                 scenario, which then need not catch up again; see {@link #keptApp()}
     */
    List<Result> run(final long events, final boolean keepLast) {
        final List<Double> rates = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            final IndicatorsRun run = new IndicatorsRun(broker, "bench-aggregate-" + rep + "-" + System.currentTimeMillis(),
                    settings.streamsOverrides(), settings.inMemoryState());
            final double elapsed;
            try {
                elapsed = catchUp(broker, run, events);
            } catch (final RuntimeException e) {
                run.close();
                throw e;
            }
            printFanOut(run, events);
            printCommits(run, elapsed);
            if (keepLast && rep == settings.repetitions()) {
                kept = run;
            } else {
                run.close();
            }
            rates.add(events / elapsed);
            seconds.add(elapsed);
            log.printf(Locale.ROOT, "  aggregate %d/%d: %,d events in %.1f s = %,.0f events/s%n", rep,
                    settings.repetitions(), events, elapsed, events / elapsed);
            log.flush();
        }
        return List.of(rateRow(rates, String.format(Locale.ROOT,
                        "%,d events (school reference + 4 raw topics, %d partitions each), exactly_once_v2,"
                                + " commit.interval.ms %s (live; %s while catching up), statestore.cache.max.bytes %s, %s, %s;"
                                + " from start() to every output committed; median %.1f s", events,
                        settings.inputPartitions(), settings.liveCommitIntervalMs(), settings.catchUpCommitIntervalMsInEffect(),
                        Long.toString(settings.cacheMaxBytes() == -1 ? IndicatorsApp.DEFAULT_CACHE_MAX_BYTES
                                : settings.cacheMaxBytes()),
                        settings.streamThreadsLabel(), settings.storesLabel(),
                        Stats.median(seconds))));
    }

    /**
     * Records the application produced per event, by topic (its producers' {@code record-send-total}):
     * how many repartition, changelog and output records one event costs, the fan-out behind the
     * per-event work. Sends that were aborted with a transaction count too.
     */
    private void printFanOut(final IndicatorsRun run, final long events) {
        final Map<String, Double> sent = new TreeMap<>();
        run.app().streams().metrics().forEach((name, metric) -> {
            if (name.group().equals("producer-topic-metrics") && name.name().equals("record-send-total")
                    && metric.metricValue() instanceof Double count) {
                sent.merge(name.tags().get("topic").replace(run.applicationId() + "-", ""), count, Double::sum);
            }
        });
        final double total = sent.values().stream().mapToDouble(Double::doubleValue).sum();
        log.printf(Locale.ROOT, "  records produced per event: %.2f in all%n", total / events);
        sent.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(entry -> log.printf(Locale.ROOT, "    %6.3f  %s%n", entry.getValue() / events, entry.getKey()));
        log.flush();
    }

    /**
     * How many commits the application's stream threads made over the catch-up ({@code commit-total}):
     * under exactly-once each flushes the caches, waits for every record produced and commits a
     * transaction; while catching up the product commits every {@code catch.up.commit.interval.ms}.
     */
    private void printCommits(final IndicatorsRun run, final double elapsed) {
        final double commits = commits(run);
        log.printf(Locale.ROOT, "  commits: %,.0f in %.1f s, one per %.0f ms%n", commits, elapsed,
                commits == 0 ? 0 : elapsed * 1000 / commits);
        log.flush();
    }

    /** The commits the application's stream threads made so far ({@code commit-total}, summed). */
    static double commits(final IndicatorsRun run) {
        return run.app().streams().metrics().entrySet().stream()
                .filter(entry -> entry.getKey().group().equals("stream-thread-metrics")
                        && entry.getKey().name().equals("commit-total")
                        && entry.getValue().metricValue() instanceof Double)
                .mapToDouble(entry -> (Double) entry.getValue().metricValue()).sum();
    }

    /** The events/s row: the median of the repetitions against the target. */
    static Result rateRow(final List<Double> rates, final String note) {
        return Result.alone(SCENARIO, "events/s", rates, TARGET, Stats.median(rates) >= TARGET_EVENTS_PER_SECOND, note);
    }

    /** The last repetition's application, still running and caught up, or null; the caller closes it. */
    IndicatorsRun keptApp() {
        return kept;
    }

    /** Starts the application and returns the seconds until every output of the loaded events is committed. */
    static double catchUp(final BenchBroker broker, final IndicatorsRun run, final long events) {
        return CaughtUp.secondsToCatchUp(broker, run.applicationId(), true, events,
                run::start, () -> run.app().streams().state());
    }

}
