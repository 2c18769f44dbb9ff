package org.edupulse.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.edupulse.app.IndicatorsApp;
import org.edupulse.simulate.Profile;

/**
 * How big and how often: the full run the issue asks for (1,000,000 events; about an hour at
 * today's aggregate speed, see README) or the {@code --quick} smoke test (1 to 2.5 minutes), with any size
 * overridden on the command line.
 *
 * @param quick            whether this is the smoke-test size
 * @param scenarios        which scenarios to run, by name
 * @param repetitions      repetitions of each scenario (medians are reported)
 * @param ingestRecords    records per ingest repetition, for each side
 * @param events           events in the raw topics for aggregate and latency
 * @param replayEvents     the first records of those that replay and ConsumerPerformance read
 * @param commitIntervalMs Streams commit.interval.ms for aggregate and latency; 0 keeps the product's
 * @param catchUpCommitIntervalMs the application's catch.up.commit.interval.ms for aggregate and latency; 0 keeps
 *                         the product's; equal to the commit interval, no pacing (one interval throughout)
 * @param streamThreads    Streams num.stream.threads for aggregate and latency; 0 keeps the product's
 * @param partitions       partitions of each raw topic (school reference and events); 0 keeps the catalog's
 * @param copies           at least this many copies of the province in the corpus, the records shared out
 *                         among them (more schools, people and devices for the same number of events); 0: as
 *                         many as the events need
 * @param cacheMaxBytes    Streams statestore.cache.max.bytes for aggregate and latency; -1 keeps the product's
 * @param latencySeconds   seconds of steady load per latency repetition
 * @param latencyRate      events per second during the latency scenario
 * @param jmhForks         JMH forks (0 runs in this JVM)
 * @param jmhIterations    JMH measurement iterations (warm-up uses as many, minimum one)
 * @param jmhSeconds       seconds per JMH iteration
 * @param appJar           the product's fat jar, for the start-up and jar scenarios
 * @param startupProfile   the history the start-up scenario's demo publishes ({@code --profile}): the demo's
 *                         default in the full run, as the row means it; {@code small} for --quick
 * @param outputDir        where the JSON goes
 */
public record BenchSettings(boolean quick, Set<String> scenarios, int repetitions, int ingestRecords, int events,
                            int replayEvents, int commitIntervalMs, int catchUpCommitIntervalMs, int streamThreads, int partitions, int copies,
                            long cacheMaxBytes, int latencySeconds, int latencyRate, int jmhForks, int jmhIterations, int jmhSeconds,
                            Path appJar, String startupProfile, Path outputDir, boolean inMemoryState) {

    /** The rows of issue #19: what a run measures unless told otherwise. */
    public static final Set<String> ALL = Set.of("ingest", "aggregate", "latency", "replay", "serde", "startup", "jar");
    /** Every scenario: the rows, and the floor under the aggregate row, run only when named. */
    public static final Set<String> KNOWN = Stream.concat(ALL.stream(), Stream.of("floor"))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The history {@code edupulse demo} publishes when no {@code --profile} is given; a literal so that
     * option descriptions can quote it (BenchSettingsTest checks it against the demo's own default).
     */
    public static final String DEMO_DEFAULT_PROFILE = "dien-bien-2025";

    public BenchSettings {
        scenarios = Set.copyOf(scenarios);
        if (!KNOWN.containsAll(scenarios)) {
            throw new IllegalArgumentException("unknown scenario in " + scenarios + "; known: " + KNOWN);
        }
        if (repetitions < 1 || ingestRecords < 1 || events < 1 || replayEvents < 1 || commitIntervalMs < 0 || catchUpCommitIntervalMs < 0 || streamThreads < 0 || partitions < 0 || copies < 0 || cacheMaxBytes < -1 || latencySeconds < 1 || latencyRate < 1
                || jmhForks < 0 || jmhIterations < 1 || jmhSeconds < 1) {
            throw new IllegalArgumentException("sizes must be positive (JMH forks may be 0)");
        }
        Profile.byName(startupProfile);
    }

    /** The full run of the issue. */
    public static BenchSettings full() {
        return new BenchSettings(false, ALL, 3, 1_000_000, 1_000_000, 1_000_000, 0, 0, 0, 0, 0, -1, 30, 1_000, 2, 4, 2,
                Path.of("app/target/edupulse.jar"), DEMO_DEFAULT_PROFILE, Path.of("target/bench"), false);
    }

    /** The smoke test: every scenario once, small. */
    public static BenchSettings quickRun() {
        return new BenchSettings(true, ALL, 1, 50_000, 30_000, 5_000, 0, 0, 0, 0, 0, -1, 5, 1_000, 0, 2, 1,
                Path.of("app/target/edupulse.jar"), Profile.SMALL.profileName(), Path.of("target/bench"), false);
    }

    /** Extra Streams settings for the indicators application: none, or the commit interval and threads under test. */
    public Map<String, Object> streamsOverrides() {
        final Map<String, Object> overrides = new LinkedHashMap<>();
        if (commitIntervalMs != 0) {
            overrides.put("commit.interval.ms", commitIntervalMs);
        }
        if (catchUpCommitIntervalMs != 0) {
            overrides.put(IndicatorsApp.CATCH_UP_COMMIT_INTERVAL_MS, catchUpCommitIntervalMs);
        }
        if (streamThreads != 0) {
            overrides.put("num.stream.threads", streamThreads);
        }
        if (cacheMaxBytes != -1) {
            overrides.put("statestore.cache.max.bytes", cacheMaxBytes);
        }
        return overrides;
    }

    /** The application's commit interval while live. */
    public int liveCommitIntervalMs() {
        return commitIntervalMs == 0 ? IndicatorsApp.DEFAULT_COMMIT_INTERVAL_MS : commitIntervalMs;
    }

    /** The application's commit interval while catching up, as {@link IndicatorsApp} applies it: never below the live one. */
    public long catchUpCommitIntervalMsInEffect() {
        return IndicatorsApp.catchUpCommitMs(liveCommitIntervalMs(), catchUpCommitIntervalMs == 0
                ? IndicatorsApp.DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS : catchUpCommitIntervalMs);
    }

    /** The stream threads the indicators application runs with, as reports print it. */
    public String streamThreadsLabel() {
        final int threads = streamThreads == 0 ? 1 : streamThreads;
        return threads + (threads == 1 ? " stream thread" : " stream threads");
    }

    /** Where the indicators application keeps its key-value stores, as reports print it. */
    public String storesLabel() {
        return inMemoryState ? "key-value stores in memory (pipeline --in-memory-state)" : "key-value stores in RocksDB";
    }

    /** Partitions of each raw topic: the catalog's unless overridden. */
    public int inputPartitions() {
        return partitions == 0 ? org.edupulse.topics.Topics.EVENT_PARTITIONS : partitions;
    }

    public boolean runs(final String scenario) {
        return scenarios.contains(scenario);
    }

    /** The settings as the JSON report records them. */
    public Map<String, Object> describe() {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("quick", quick);
        map.put("scenarios", KNOWN.stream().filter(scenarios::contains).sorted().toList());
        map.put("repetitions", repetitions);
        map.put("ingestRecords", ingestRecords);
        map.put("events", events);
        map.put("replayEvents", replayEvents);
        map.put("commitIntervalMs", commitIntervalMs == 0
                ? "product default (" + IndicatorsApp.DEFAULT_COMMIT_INTERVAL_MS + ")" : commitIntervalMs);
        map.put("catchUpCommitIntervalMs", catchUpCommitIntervalMs == 0
                ? "product default (" + IndicatorsApp.DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS + ")" : catchUpCommitIntervalMs);
        map.put("streamThreads", streamThreads == 0 ? "product default (1)" : streamThreads);
        map.put("inMemoryState", inMemoryState);
        map.put("partitions", inputPartitions());
        map.put("copies", copies == 0 ? "as the events need" : copies);
        map.put("latencySeconds", latencySeconds);
        map.put("latencyRate", latencyRate);
        map.put("jmhForks", jmhForks);
        map.put("jmhIterations", jmhIterations);
        map.put("jmhSeconds", jmhSeconds);
        map.put("startupProfile", startupProfile);
        return map;
    }
}
