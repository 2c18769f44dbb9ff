package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edupulse.gateway.GatewayConfig;
import org.edupulse.serving.ServingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's gateway walk-through through the CLI: create a key, post an event, revoke the key. */
class GatewayCommandsIT {

    private static final Pattern READY = Pattern.compile("EduPulse gateway ready: (http://\\S+)/api/v1/events");

    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0")));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static String[] args(final String... command) {
        final List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--bootstrap-servers", platform.bootstrapServers(), "--schema-registry-url", platform.schemaRegistryUrl()));
        return all.toArray(String[]::new);
    }

    private static String run(final StringWriter out, final String... command) {
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute(args(command))).isZero();
        return out.toString();
    }

    private static int post(final String url, final String key, final String body) throws Exception {
        return post(url, "training", key, body);
    }

    private static int post(final String url, final String type, final String key, final String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/events/" + type))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void shouldCreateADepartmentKeyThatPostsSchoolRecordsAndListItsScope() throws Exception {
        // Given a gateway started by the CLI
        try (CliGateway gateway = new CliGateway("--port", "0")) {
            final String url = gateway.url;
            final String line = Files.readAllLines(Path.of("..", "examples", "school.ndjson")).get(0);
            final String school = line.replaceAll(".*\"schoolId\"\\s*:\\s*\"([^\"]+)\".*", "$1");

            // When
            final String department = run(new StringWriter(), "keys", "create", "--department", "--label", "register").trim();
            final String schoolKey = run(new StringWriter(), "keys", "create", "--school", school, "--label", "it").trim();

            // Then the department key posts the school record, the school's own key may not
            await().atMost(Duration.ofSeconds(30)).until(() -> post(url, "school", department, line) == 202);
            assertThat(post(url, "school", schoolKey, line)).isEqualTo(403);
            final String listing = run(new StringWriter(), "keys", "list");
            assertThat(listing).contains("SCOPE").containsPattern(department.substring(3, 15) + "\\s+DEPARTMENT")
                    .containsPattern(schoolKey.substring(3, 15) + "\\s+SCHOOL\\s+" + school);
        }
    }

    @Test
    void shouldRefuseKeysCreateWithoutExactlyOneOfSchoolAndDepartmentWithExit64() {
        for (final String[] wrong : List.of(new String[] {"keys", "create", "--label", "x"},
                new String[] {"keys", "create", "--school", "DB-A", "--department"})) {
            // Given
            final StringWriter err = new StringWriter();
            final CommandLine cli = EduPulse.commandLine();
            cli.setErr(new PrintWriter(err, true));

            // When
            final int code = cli.execute(args(wrong));

            // Then
            assertThat(code).as(String.join(" ", wrong)).isEqualTo(64);
            assertThat(err.toString()).contains("--school").contains("--department");
        }
    }

    @Test
    void shouldAcceptAKeyCreatedByTheCliAndRefuseItOnceRevoked() throws Exception {
        // Given a gateway started by the CLI, and a key created by the CLI for the school of the example
        final String line = Files.readAllLines(Path.of("..", "examples", "training.ndjson")).get(0);
        final String school = line.replaceAll(".*\"schoolId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        try (CliGateway gateway = new CliGateway("--port", "0")) {
            final String url = gateway.url;
            final String key = run(new StringWriter(), "keys", "create", "--school", school, "--label", "it").trim();

            // When the example line is posted with the key, Then it is accepted
            await().atMost(Duration.ofSeconds(30)).until(() -> post(url, key, line) == 202);

            // When the key is revoked, Then the gateway refuses it and the listing says so
            assertThat(run(new StringWriter(), "keys", "revoke", key)).contains("Revoked");
            await().atMost(Duration.ofSeconds(30)).until(() -> post(url, key, line) == 401);
            assertThat(run(new StringWriter(), "keys", "list")).contains(school).contains("revoked");
            assertThat(gateway.exit.isDone()).isFalse();
        }
    }

    @Test
    void shouldTakeTheGatewaySettingsOfTheConfigFileInTheGatewayAndInTheOneMountedOnThePipeline(@TempDir final Path dir)
            throws Exception {
        // Given a properties file with gateway settings (no --port: the file's gateway.port=0 picks a free one),
        // and a key for the school of the example line
        final Path file = Files.writeString(dir.resolve("gateway.properties"),
                "gateway.port=0\ngateway.max.batch.events=2\ngateway.max.body.bytes=4096\n");
        final String line = Files.readAllLines(Path.of("..", "examples", "training.ndjson")).get(0);
        final String school = line.replaceAll(".*\"schoolId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        final String key = run(new StringWriter(), "keys", "create", "--school", school, "--label", "settings").trim();
        final String three = "[" + line + "," + line + "," + line + "]";
        final String large = "[" + line + " ".repeat(5_000) + "]";

        // When the gateway runs with --config
        try (CliGateway gateway = new CliGateway("--config", file.toString())) {
            final String url = gateway.url;

            // Then it listens on a free port, refuses three events and a body above 4,096 bytes, and accepts two
            assertThat(url).doesNotEndWith(":" + GatewayConfig.DEFAULT_PORT);
            await().atMost(Duration.ofSeconds(30)).until(() -> post(url, key, three) != 401);
            assertThat(postForBody(url, key, three)).contains("\"status\":413", "too_many_events", "\"maxBatchEvents\":2");
            assertThat(postForBody(url, key, large)).contains("\"status\":413", "\"maxBodyBytes\":4096");
            assertThat(post(url, key, "[" + line + "," + line + "]")).isEqualTo(202);

            // When the pipeline with its gateway runs with the same file, Then its gateway refuses three events too
            final EduPulseConfig config = EduPulseConfig.load(file, Map.of(), Map.of(
                    EduPulseConfig.BOOTSTRAP_SERVERS, platform.bootstrapServers(),
                    EduPulseConfig.SCHEMA_REGISTRY_URL, platform.schemaRegistryUrl()));
            try (Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                    ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl()).withPort(0),
                    Files.createDirectory(dir.resolve("state")), true)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                        .until(() -> postForBody(pipeline.url(), key, three).contains("too_many_events"));
                assertThat(postForBody(pipeline.url(), key, three)).contains("\"maxBatchEvents\":2");
            }
        }
    }

    /**
     * {@code edupulse gateway} run by the CLI in this JVM, on a thread of its own, until closed: closing interrupts
     * the command, which then closes its server and Kafka clients (the broker outlives every test's gateway).
     */
    private static final class CliGateway implements AutoCloseable {
        final ExecutorService thread = Executors.newSingleThreadExecutor();
        final Future<Integer> exit;
        final String url;

        CliGateway(final String... options) {
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final CommandLine cli = EduPulse.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            final List<String> command = new ArrayList<>(List.of("gateway"));
            command.addAll(List.of(options));
            exit = thread.submit(() -> cli.execute(args(command.toArray(String[]::new))));
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> READY.matcher(out.toString()).find() || exit.isDone());
                final Matcher ready = READY.matcher(out.toString());
                assertThat(ready.find()).as("%s%s", out, err).isTrue();
                url = ready.group(1);
            } catch (final RuntimeException | Error e) {
                thread.shutdownNow();
                throw e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            thread.shutdownNow();
            assertThat(thread.awaitTermination(1, TimeUnit.MINUTES)).as("the gateway stopped when interrupted").isTrue();
        }
    }

    private static String postForBody(final String url, final String key, final String body) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/events/training"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
