package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.serving.ServingConfig;
import org.edupulse.streams.IndicatorsTopology;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A dead Streams client does not look alive: on a real broker, the pipeline's health answers 200
 * while it runs and {@code /health/live} 503 once the client is in ERROR, and the {@code pipeline}
 * command exits with {@link ExitCodes#STREAMS_DEAD} so that a supervisor restarts it (a clean stop
 * still exits 0). The client is killed for real by deleting one of its source topics: the next
 * rebalance finds it missing, the stream thread dies of {@code MissingSourceTopicException}, and
 * the exception handler ends the client (a new thread would find the topic missing too).
 */
class StreamsLifecycleIT {

    private static final Pattern STARTED = Pattern.compile("EduPulse pipeline started: .* HTTP (http://\\S+),");
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private Platform platform;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startPlatform() {
        platform = Platform.start(EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0")));
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    @Test
    void shouldAnswerLiveAndReadyWhileRunningAndNotLiveOnceTheStreamsClientIsDead() throws Exception {
        // Given a running pipeline
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.APPLICATION_ID, "lifecycle-health-it"));
        try (Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl()).withPort(0),
                Files.createDirectory(work.resolve("state")), false)) {
            await().atMost(DEADLINE).until(() -> get(pipeline.url() + "/health/ready").statusCode() == 200);
            final HttpResponse<String> live = get(pipeline.url() + "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(state(live)).isEqualTo("RUNNING");

            // When its Streams client dies
            deleteSourceTopic();

            // Then liveness answers 503 from the moment the client heads for ERROR, and names the state
            await().atMost(DEADLINE).until(() -> get(pipeline.url() + "/health/live").statusCode() == 503);
            await().atMost(DEADLINE).until(() -> "ERROR".equals(state(get(pipeline.url() + "/health/live"))));
            assertThat(get(pipeline.url() + "/health/live").statusCode()).isEqualTo(503);
            assertThat(get(pipeline.url() + "/health/ready").statusCode()).isEqualTo(503);
            assertThat(pipeline.app().streams().state()).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(pipeline.streamsDead()).isTrue();
        }
    }

    @Test
    void shouldStartOnALocalStateACrashLeftWithAStoreRocksDbCannotOpen() throws Exception {
        // Given a state directory as a kill in the middle of deleting an expired window segment leaves it:
        // a task directory without a checkpoint, and a segment whose CURRENT names a MANIFEST that is gone
        final String applicationId = "lifecycle-crashed-state-it";
        final Path state = Files.createDirectory(work.resolve("state"));
        final Path segment = Files.createDirectories(state.resolve(applicationId).resolve("0_0")
                .resolve(IndicatorsTopology.CERTIFICATION_IDS_STORE)
                .resolve(IndicatorsTopology.CERTIFICATION_IDS_STORE + ".1728000000000"));
        Files.writeString(segment.resolve("CURRENT"), "MANIFEST-000005\n");
        assertThat(IndicatorsApp.tasksWithAStoreRocksDbCannotOpen(state.resolve(applicationId)))
                .containsExactly(state.resolve(applicationId).resolve("0_0"));

        // When a pipeline starts on it
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.APPLICATION_ID, applicationId));
        try (Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl()).withPort(0),
                state, false)) {

            // Then it starts and runs (that task's local state is deleted and restored from the changelogs)
            await().atMost(DEADLINE).until(() -> get(pipeline.url() + "/health/ready").statusCode() == 200);
            assertThat(state(get(pipeline.url() + "/health/live"))).isEqualTo("RUNNING");
            assertThat(segment).doesNotExist();
        }

        // And the RocksDB stores Kafka Streams wrote there, closed cleanly, count as whole: the next start keeps them
        try (Stream<Path> files = Files.walk(state.resolve(applicationId), 4)) {
            assertThat(files.filter(file -> file.getFileName().toString().equals("CURRENT")).count())
                    .as("RocksDB stores in the local state").isPositive();
        }
        assertThat(IndicatorsApp.tasksWithAStoreRocksDbCannotOpen(state.resolve(applicationId))).isEmpty();
    }

    /** With the commits paced (the default live interval) and unpaced (a live interval as long as the catch-up's). */
    @ParameterizedTest(name = "commit.interval.ms {0}")
    @ValueSource(strings = {"20", "1000"})
    void shouldKeepOnlyTheEventIdWindowsInRocksDbWithInMemoryState(final String commitIntervalMs) throws Exception {
        // Given a pipeline with its stores in memory (what --in-memory-state asks for), running on a state directory
        final String applicationId = "lifecycle-in-memory-" + commitIntervalMs + "-it";
        final Path state = Files.createDirectory(work.resolve("state"));
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.APPLICATION_ID, applicationId, EduPulseConfig.COMMIT_INTERVAL_MS, commitIntervalMs));
        try (Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl()).withPort(0),
                state, false, Pipeline.Tuning.pipeline(true))) {
            await().atMost(DEADLINE).until(() -> get(pipeline.url() + "/health/ready").statusCode() == 200);

            // Then its tasks opened their event-id windows in RocksDB, and no key-value store there (those are
            // Kafka's in-memory stores, the DSL's aggregates and joins included); RocksDB keeps them under rocksdb/
            try (Stream<Path> files = Files.walk(state.resolve(applicationId), 2)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .contains(IndicatorsTopology.CERTIFICATION_IDS_STORE).doesNotContain("rocksdb");
            }
        }
    }

    @Test
    void shouldExitWithStreamsDeadWhenTheClientOfThePipelineCommandDies() throws Exception {
        // Given the pipeline command, running
        final StringWriter out = new StringWriter();
        final CompletableFuture<Integer> exit = runPipeline(out, "lifecycle-exit-it");
        final String url = awaitStarted(out, exit);
        await().atMost(DEADLINE).until(() -> get(url + "/health/ready").statusCode() == 200);

        // When its Streams client dies
        deleteSourceTopic();

        // Then the command ends on its own with the code that says so
        await().atMost(DEADLINE).until(exit::isDone);
        assertThat(exit.get()).as(out.toString()).isEqualTo(ExitCodes.STREAMS_DEAD);
        assertThat(out.toString()).contains("the Streams client of application lifecycle-exit-it is dead (ERROR)");
    }

    @Test
    void shouldExitZeroAndRemoveItsTemporaryStateWhenStoppedWhileTheClientRuns() throws Exception {
        // Given the pipeline command without a state directory, running for a few seconds
        final StringWriter out = new StringWriter();
        final CompletableFuture<Integer> exit = runPipeline(out, "lifecycle-clean-it", (Path) null, "--for", "3s");
        awaitStarted(out, exit);
        final Matcher state = Pattern.compile("state (\\S+)").matcher(out.toString());
        assertThat(state.find()).as(out.toString()).isTrue();
        assertThat(Path.of(state.group(1))).isDirectory();

        assertThat(out.toString()).contains("(key-value stores in RocksDB)");

        // When its time is up, Then it exits 0, its temporary state removed
        await().atMost(DEADLINE).until(exit::isDone);
        assertThat(exit.get()).as(out.toString()).isZero();
        assertThat(Path.of(state.group(1))).doesNotExist();
    }

    @Test
    void shouldRunThePipelineCommandWithItsStoresInMemoryWhenAsked() throws Exception {
        // Given the pipeline command with --in-memory-state, running for a few seconds
        final StringWriter out = new StringWriter();
        final CompletableFuture<Integer> exit = runPipeline(out, "lifecycle-in-memory-cli-it", (Path) null,
                "--in-memory-state", "--for", "3s");
        awaitStarted(out, exit);

        // Then the application it started keeps them in memory, and it exits 0 when its time is up
        assertThat(out.toString()).contains("(key-value stores in memory)");
        await().atMost(DEADLINE).until(exit::isDone);
        assertThat(exit.get()).as(out.toString()).isZero();
    }

    private CompletableFuture<Integer> runPipeline(final StringWriter out, final String applicationId,
                                                   final String... more) throws Exception {
        return runPipeline(out, applicationId, work.resolve(applicationId), more);
    }

    /** @param stateDir its {@code --state-dir}, or null for none */
    private CompletableFuture<Integer> runPipeline(final StringWriter out, final String applicationId,
                                                   final Path stateDir, final String... more) throws Exception {
        final Path config = Files.writeString(work.resolve(applicationId + ".properties"),
                "application.id=" + applicationId + "\n");
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        final List<String> args = new java.util.ArrayList<>(List.of("pipeline", "--config", config.toString(),
                "--bootstrap-servers", platform.bootstrapServers(), "--schema-registry-url", platform.schemaRegistryUrl(),
                "--http-port", "0", "--without-gateway"));
        if (stateDir != null) {
            args.addAll(List.of("--state-dir", stateDir.toString()));
        }
        args.addAll(List.of(more));
        return CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(String[]::new)));
    }

    private static String awaitStarted(final StringWriter out, final CompletableFuture<Integer> exit) {
        await().atMost(DEADLINE).until(() -> STARTED.matcher(out.toString()).find() || exit.isDone());
        final Matcher started = STARTED.matcher(out.toString());
        assertThat(started.find()).as(out.toString()).isTrue();
        return started.group(1);
    }

    private void deleteSourceTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            admin.deleteTopics(List.of(Topics.SCHOOLS.name())).all().get();
        }
    }

    private HttpResponse<String> get(final String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String state(final HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body()).get("streams").asText();
    }
}
