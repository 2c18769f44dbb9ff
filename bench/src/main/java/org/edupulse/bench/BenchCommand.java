package org.edupulse.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.edupulse.app.IndicatorsApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse bench}: EduPulse measured against Kafka's own tools on one fresh embedded broker,
 * side by side in one run, each scenario repeated and reported as medians, because the machines
 * are shared and only same-run ratios mean anything. Prints one table and writes it as JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark EduPulse against Kafka's ProducerPerformance/ConsumerPerformance and plain Avro on"
                + " a fresh embedded broker: 1 ingest, 2 aggregate, 3 latency, 4 replay, 5 serde, 6 start-up, 7 jar"
                + " (the rows of issue #19, each against its target).",
            "Prints one table and writes it as JSON under --out (default target/bench, relative to the working directory)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Smoke test: every scenario once, small (1 to 2.5 minutes; the start-up with --profile small).")
    boolean quick;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Scenarios to run: ingest, aggregate, latency, replay, serde, startup, jar (default: all"
                    + " of these, the rows of issue #19), and floor (Kafka Streams' own cost per record and per"
                    + " repartition hop on the aggregate's events; only when named).")
    List<String> scenarios;

    @Option(names = "--repetitions", paramLabel = "N", description = "Repetitions per scenario (default 3; --quick 1).")
    Integer repetitions;

    @Option(names = "--events", paramLabel = "N",
            description = "Events in the raw topics for aggregate and latency (default 1,000,000; --quick 30,000).")
    Integer events;

    @Option(names = "--replay-events", paramLabel = "N",
            description = "First records of the log that replay reads (default 1,000,000, all of --events; --quick 5,000).")
    Integer replayEvents;

    @Option(names = "--commit-interval-ms", paramLabel = "MS",
            description = "Override the indicators application's commit.interval.ms (default: the product's, "
                    + IndicatorsApp.DEFAULT_COMMIT_INTERVAL_MS + ").")
    Integer commitIntervalMs;

    @Option(names = "--catch-up-commit-interval-ms", paramLabel = "MS",
            description = "Override the indicators application's catch.up.commit.interval.ms, how often it commits"
                    + " while catching up (default: the product's, " + IndicatorsApp.DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS
                    + "); the commit interval itself turns the pacing off.")
    Integer catchUpCommitIntervalMs;

    @Option(names = "--stream-threads", paramLabel = "N",
            description = "Override the indicators application's num.stream.threads (default: the product's, 1).")
    Integer streamThreads;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Partitions of each raw topic for aggregate, latency and replay (default: the catalog's, "
                    + org.edupulse.topics.Topics.EVENT_PARTITIONS + "); the pipeline's internal topics follow.")
    Integer partitions;

    @Option(names = "--copies", paramLabel = "N",
            description = "At least N copies of the province in the events, sharing out --events (10 with the"
                    + " events of one copy: 10x the schools, people and devices, each with a tenth of the history;"
                    + " default: as many copies as --events needs).")
    Integer copies;

    @Option(names = "--cache-max-bytes", paramLabel = "BYTES",
            description = "Override the indicators application's statestore.cache.max.bytes (default: the product's, "
                    + IndicatorsApp.DEFAULT_CACHE_MAX_BYTES + "; Kafka Streams' own is 10485760).")
    Long cacheMaxBytes;

    @Option(names = "--in-memory-state", description = "Run aggregate and latency with the key-value stores in"
            + " memory, as pipeline --in-memory-state and the demo do (default: RocksDB, as pipeline).")
    boolean inMemoryState;

    @Option(names = "--ingest-records", paramLabel = "N",
            description = "Records per ingest repetition and side (default 1,000,000; --quick 50,000).")
    Integer ingestRecords;

    @Option(names = "--latency-seconds", paramLabel = "S",
            description = "Seconds of steady load per latency repetition (default 30; --quick 5).")
    Integer latencySeconds;

    @Option(names = "--latency-rate", paramLabel = "N", description = "Events per second for latency (default 1000).")
    Integer latencyRate;

    @Option(names = "--jmh-forks", paramLabel = "N", description = "JMH forks for serde, 0 = in this JVM (default 2; --quick 0).")
    Integer jmhForks;

    @Option(names = "--app-jar", paramLabel = "JAR",
            description = "The product's jar for start-up and jar (default app/target/edupulse.jar).")
    Path appJar;

    @Option(names = "--startup-profile", paramLabel = "NAME",
            description = "History the start-up scenario's demo publishes: dien-bien-2025 or small (default: the"
                    + " demo's default, " + BenchSettings.DEMO_DEFAULT_PROFILE + ", as issue #19's row means it;"
                    + " --quick small).")
    String startupProfile;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the JSON report (default target/bench).")
    Path out;

    @Option(names = "--sample-threads", paramLabel = "TEXT",
            description = "Profile: sample every 2 ms the stacks of the threads whose name contains TEXT (e.g."
                    + " StreamThread, main) and print the most frequent methods after the table.")
    String sampleThreads;

    @Spec
    CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    /** The settings the options select. */
    BenchSettings settings() {
        final BenchSettings base = quick ? BenchSettings.quickRun() : BenchSettings.full();
        return new BenchSettings(quick,
                scenarios == null ? base.scenarios() : new LinkedHashSet<>(scenarios),
                or(repetitions, base.repetitions()), or(ingestRecords, base.ingestRecords()), or(events, base.events()),
                or(replayEvents, base.replayEvents()), or(commitIntervalMs, base.commitIntervalMs()),
                or(catchUpCommitIntervalMs, base.catchUpCommitIntervalMs()),
                or(streamThreads, base.streamThreads()), or(partitions, base.partitions()), or(copies, base.copies()),
                cacheMaxBytes == null ? base.cacheMaxBytes() : cacheMaxBytes,
                or(latencySeconds, base.latencySeconds()), or(latencyRate, base.latencyRate()),
                or(jmhForks, base.jmhForks()), base.jmhIterations(), base.jmhSeconds(),
                appJar == null ? base.appJar() : appJar, startupProfile == null ? base.startupProfile() : startupProfile,
                out == null ? base.outputDir() : out, inMemoryState);
    }

    @Override
    public Integer call() throws Exception {
        final PrintWriter log = spec.commandLine().getErr();
        final PrintWriter stdout = spec.commandLine().getOut();
        final BenchSettings settings = settings();
        final Report report;
        if (sampleThreads == null) {
            report = run(settings, log);
        } else {
            try (StackSampler sampler = StackSampler.start(sampleThreads, Duration.ofMillis(2))) {
                report = run(settings, log);
                stdout.println();
                stdout.print(sampler.report(120));
            }
        }
        final Path written = report.write(settings.outputDir());
        stdout.println();
        stdout.print(report.table());
        stdout.println();
        stdout.println("JSON: " + written + " (and latest.json beside it), relative to " + Path.of("").toAbsolutePath());
        stdout.flush();
        return 0;
    }

    /** Runs the selected scenarios; a failing scenario becomes a "not measured" row, the others still run. */
    public static Report run(final BenchSettings settings, final PrintWriter log) {
        final Instant startedAt = Instant.now();
        final Machine before = Machine.current();
        log.println("edupulse bench" + (settings.quick() ? " --quick" : "") + " on " + before.describe());
        log.flush();
        final List<Result> results = new ArrayList<>();
        if (settings.runs("serde")) {
            results.addAll(attempt(log, SerdeScenario.SCENARIO, "ns/record", () -> new SerdeScenario(settings, log).run()));
            savePartial(settings, startedAt, before, results, log);
        }
        if (settings.runs("jar")) {
            results.addAll(attempt(log, JarScenario.SCENARIO, JarScenario.METRIC,
                    () -> List.of(JarScenario.measure(StartupScenario.locate(settings.appJar())))));
            savePartial(settings, startedAt, before, results, log);
        }
        if (settings.runs("startup")) {
            results.addAll(attempt(log, StartupScenario.SCENARIO, "s to ready",
                    () -> new StartupScenario(settings, log).run()));
            savePartial(settings, startedAt, before, results, log);
        }
        final Set<String> onBroker = Set.of("ingest", "aggregate", "latency", "replay", "floor");
        if (settings.scenarios().stream().anyMatch(onBroker::contains)) {
            log.println("Starting a fresh embedded broker and schema registry...");
            log.flush();
            try (BenchBroker broker = BenchBroker.start(settings.inputPartitions())) {
                final EventCorpus corpus = EventCorpus.dienBien();
                if (settings.runs("ingest")) {
                    results.addAll(attempt(log, IngestScenario.SCENARIO, "records/s",
                            () -> new IngestScenario(broker, settings, log).run(corpus)));
                    savePartial(settings, startedAt, before, results, log);
                    broker.resetInputs();
                }
                if (settings.runs("aggregate") || settings.runs("replay") || settings.runs("latency")
                        || settings.runs("floor")) {
                    final long start = System.nanoTime();
                    final long replayed = settings.runs("replay") ? Math.min(settings.replayEvents(), settings.events()) : 0;
                    final CorpusLoader.Loaded loaded = CorpusLoader.load(broker, corpus, settings.events(), replayed,
                            settings.copies());
                    log.printf(Locale.ROOT, "Loaded %,d events into the raw topics in %.1f s%n", loaded.records(),
                            (System.nanoTime() - start) / 1e9);
                    log.flush();
                    IndicatorsRun caughtUp = null;
                    try {
                        if (settings.runs("aggregate")) {
                            final AggregateScenario aggregate = new AggregateScenario(broker, settings, log);
                            results.addAll(attempt(log, AggregateScenario.SCENARIO, "events/s",
                                    () -> aggregate.run(loaded.records(), settings.runs("latency"))));
                            savePartial(settings, startedAt, before, results, log);
                            caughtUp = aggregate.keptApp();
                        }
                        // Latency right after the catch-up it continues from, before the replay's
                        // million records in memory can weigh on its tail.
                        if (settings.runs("latency")) {
                            final IndicatorsRun running = caughtUp;
                            results.addAll(attempt(log, LatencyScenario.SCENARIO, "p99 ms",
                                    () -> new LatencyScenario(broker, settings, log).run(corpus, running)));
                            savePartial(settings, startedAt, before, results, log);
                        }
                        if (settings.runs("floor")) {
                            results.addAll(attempt(log, FloorScenario.SCENARIO, "events/s",
                                    () -> new FloorScenario(broker, settings, log).run(loaded.records())));
                            savePartial(settings, startedAt, before, results, log);
                        }
                        if (settings.runs("replay")) {
                            results.addAll(attempt(log, ReplayScenario.SCENARIO, "records/s",
                                    () -> new ReplayScenario(broker, settings, log).run(loaded.prefix(),
                                            loaded.afterPrefix())));
                            savePartial(settings, startedAt, before, results, log);
                        }
                    } finally {
                        if (caughtUp != null) {
                            caughtUp.close();
                        }
                    }
                }
            }
        }
        results.sort(java.util.Comparator.comparing(Result::scenario));
        return new Report(startedAt, before, Machine.current(), settings.describe(), results);
    }

    private static List<Result> attempt(final PrintWriter log, final String scenario, final String metric,
                                        final Supplier<List<Result>> body) {
        log.println("Scenario " + scenario + "...");
        log.flush();
        try {
            return body.get();
        } catch (final RuntimeException e) {
            log.println("  " + scenario + " failed: " + e);
            log.flush();
            return List.of(Result.notMeasured(scenario, metric, null, "failed: " + e.getMessage()));
        }
    }

    /** After each scenario, the rows so far as {@code partial.json}, so a long run that is cut short still leaves them. */
    private static void savePartial(final BenchSettings settings, final Instant startedAt, final Machine before,
                                    final List<Result> results, final PrintWriter log) {
        try {
            final Report partial = new Report(startedAt, before, Machine.current(), settings.describe(), results);
            java.nio.file.Files.createDirectories(settings.outputDir());
            java.nio.file.Files.writeString(settings.outputDir().resolve("partial.json"), partial.json());
        } catch (final java.io.IOException e) {
            log.println("  could not write partial.json: " + e.getMessage());
        }
    }

    private static int or(final Integer value, final int fallback) {
        return value == null ? fallback : value;
    }
}
