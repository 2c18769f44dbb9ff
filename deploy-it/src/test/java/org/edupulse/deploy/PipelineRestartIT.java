package org.edupulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one {@code pipeline} process of a deployment dies with SIGKILL while events flow, on a broker
 * that stays up, and is started again on its state directory: nothing else takes its tasks over in
 * between. It dies twice, once with its key-value stores in RocksDB and once with them in memory
 * ({@code --in-memory-state}), and each restart switches to the other kind, as an operator changing
 * the option on a deployment would: the last start finds RocksDB files the first left two starts
 * before. Once it has consumed everything, every published figure must equal the independent fold
 * of the events sent (exactly-once across the crashes: nothing lost, nothing counted twice), and so
 * must every month of the calendar periods.
 */
class PipelineRestartIT {

    /** {@code -Dedupulse.restart.events=N} to change. */
    private static final int EVENTS = Integer.getInteger("edupulse.restart.events", 10_000);
    private static final String APPLICATION_ID = "deploy-it-pipeline-restart";
    /** Three times the 5 s a changed unit's periods wait, once quiet, before they are published. */
    private static final Duration PERIODS_QUIET = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void shouldPublishExactFiguresWhenTheOnlyPipelineProcessIsKilledTwiceWhileEventsFlowWithEitherKindOfStore() throws Exception {
        // Given the events and their independent fold, one broker, the registry and the catalog
        final List<SimulatedEvent> history = GeneratedHistory.of(EVENTS);
        final ExpectedFigures expected = ExpectedFigures.of(history);
        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();
             SchemaRegistryServer registry = SchemaRegistryServer.start(
                     RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0))) {
            final String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
            }

            // ... and a single pipeline process, its key-value stores in RocksDB (the default)
            final Path log = Files.createDirectories(Path.of("target", "pipeline-logs")).resolve("pipeline-restart.log");
            Files.deleteIfExists(log);
            final PipelineProcess pipeline = new PipelineProcess(bootstrap, registry.url(), APPLICATION_ID, PipelineProcess.freePort(),
                    dir.resolve("state"), log).start();
            try (pipeline) {
                pipeline.awaitReady();

                // When the events flow and, a quarter through, the process is killed with SIGKILL and started
                // again on its state directory with its stores in memory ...
                final AtomicLong acknowledged = new AtomicLong();
                final ExecutorService feeder = Executors.newSingleThreadExecutor();
                try {
                    final Future<?> firstHalf = feeder.submit(() ->
                            PipelineFeed.publish(bootstrap, registry.url(), history.subList(0, EVENTS / 2), acknowledged));
                    PipelineFeed.awaitAcknowledged(acknowledged, EVENTS / 4);
                    pipeline.kill();
                    assertThat(pipeline.isAlive()).as("pipeline process after SIGKILL").isFalse();
                    pipeline.start(List.of("--in-memory-state"));
                    firstHalf.get(); // rethrows a failed publication

                    // ... and once it runs, while the rest flows, killed again three quarters through and
                    // started with its stores in RocksDB, on the files the first process left behind
                    pipeline.awaitReady();
                    final Future<?> secondHalf = feeder.submit(() ->
                            PipelineFeed.publish(bootstrap, registry.url(), history.subList(EVENTS / 2, EVENTS), acknowledged));
                    PipelineFeed.awaitAcknowledged(acknowledged, EVENTS * 3L / 4);
                    pipeline.kill();
                    assertThat(pipeline.isAlive()).as("pipeline process after the second SIGKILL").isFalse();
                    pipeline.start();
                    secondHalf.get();
                } finally {
                    feeder.shutdownNow();
                }
                assertThat(acknowledged.get()).isEqualTo(EVENTS);
                pipeline.awaitReady();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(pipeline.startedLines()).as("where each start kept its key-value stores")
                                .hasSize(3)
                                .satisfies(lines -> assertThat(lines.get(0)).endsWith("(key-value stores in RocksDB)"))
                                .satisfies(lines -> assertThat(lines.get(1)).endsWith("(key-value stores in memory)"))
                                .satisfies(lines -> assertThat(lines.get(2)).endsWith("(key-value stores in RocksDB)")));

                // Then, once the application has consumed everything (so slow cannot pass for lost),
                // every figure of every district and of the province equals the fold
                PipelineFeed.awaitNoLag(bootstrap, APPLICATION_ID, Duration.ofMinutes(10));
                try (PublishedFigures published = new PublishedFigures(bootstrap, registry.url(), "pipeline-restart-reader")) {
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).untilAsserted(() ->
                            PublishedFigures.assertMatches(published.poll(), expected));
                }
                // ... and so does every month of the calendar periods, none lost or counted twice by the crash,
                // once the pipeline has published them and they have all been read
                try (PublishedPeriods periods = new PublishedPeriods(bootstrap, registry.url(), "pipeline-restart-periods")) {
                    PublishedPeriods.assertMatches(readWhenPublished(bootstrap, periods), expected);
                }
            }
        }
    }

    /**
     * The periods as published once the pipeline is done: it publishes a changed unit's periods a few
     * seconds after its last change (a wall-clock punctuation), so the topic is read to its end once
     * nothing has been added to it for {@link #PERIODS_QUIET}, and read again if it grew meanwhile. Ten
     * thousand events publish some 160,000 period records; on a loaded machine reading them takes
     * minutes, which a fixed deadline would take for records lost.
     */
    private static Map<String, PeriodIndicators> readWhenPublished(final String bootstrap,
                                                                   final PublishedPeriods periods) throws Exception {
        final String topic = Topics.INDICATOR_PERIODS.name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (int round = 0; round < 5; round++) {
                final long end = PipelineFeed.awaitQuiet(bootstrap, topic, PERIODS_QUIET, Duration.ofMinutes(5));
                final Map<String, PeriodIndicators> read = periods.readToEnd(Duration.ofMinutes(1));
                if (PipelineFeed.committedEnd(admin, topic) == end) {
                    return read;
                }
            }
        }
        throw new AssertionError(topic + " still grew after five quiet spells of " + PERIODS_QUIET);
    }
}
