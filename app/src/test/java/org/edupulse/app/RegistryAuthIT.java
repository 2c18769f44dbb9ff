package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edupulse.producers.EventPublisher;
import org.edupulse.serving.ServingConfig;
import org.edupulse.simulate.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The registry's credentials given once, under Confluent's keys, in the file passed with
 * {@code --config}, reach every registry client the app builds: the pipeline's Streams serdes, its
 * query API, the gateway mounted on it (publisher, key and holder caches), the lineage endpoint,
 * {@code keys create} and {@code replay}. The registry is the embedded one behind a proxy that
 * requires HTTP Basic authentication. A wrong password is refused with a message naming the
 * setting, and never shown.
 */
class RegistryAuthIT {

    private static final String USER = "edupulse";
    private static final String PASSWORD = "s3cret:with@chars";

    @TempDir
    Path work;

    @Test
    void shouldReachARegistryRequiringBasicAuthFromEveryComponentWithTheConfigFilesCredentials() throws Exception {
        // Given the embedded broker and registry, the registry behind a proxy requiring Basic auth
        try (Platform platform = Platform.start(EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0")));
             BasicAuthProxy proxy = new BasicAuthProxy(platform.schemaRegistryUrl())) {
            final String bootstrap = platform.bootstrapServers();
            final Path good = properties("good.properties", bootstrap, proxy.url(), USER + ":" + PASSWORD);
            final Path wrong = properties("wrong.properties", bootstrap, proxy.url(), USER + ":not-the-password");
            final EduPulseConfig config = EduPulseConfig.load(good, Map.of(), Map.of());

            // When the pipeline with its gateway runs with the file's settings and the history is published with them
            try (Pipeline pipeline = Pipeline.start(bootstrap, config.schemaRegistryUrl(), config,
                    ServingConfig.defaults(bootstrap, config.schemaRegistryUrl()).withPort(0),
                    Files.createDirectory(work.resolve("state")), true);
                 EventPublisher publisher = new EventPublisher(config.publisherConfig(bootstrap, config.schemaRegistryUrl()))) {
                final SimulationRunner.History history = new SimulationRunner(publisher, Profile.SMALL, 5L).publishHistory();
                final String district = history.districtIds().stream().sorted().findFirst().orElseThrow();
                final String school = history.firstSchoolPerDistrict().get(0);
                final HttpClient http = HttpClient.newHttpClient();

                // Then the query API serves the district the pipeline computed
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(get(http, pipeline.url() + "/api/v1/districts/" + district).statusCode()).isEqualTo(200));

                // ... a key created with the file lets the school post through the mounted gateway
                final Run created = cli("keys", "create", "--school", school, "--config", good.toString());
                assertThat(created.exit()).as(created.err()).isZero();
                final String event = "{\"schoolId\":\"" + school + "\",\"sessionId\":\"auth-1\",\"topic\":\"BASIC_IT\","
                        + "\"audience\":\"STAFF\",\"participantCount\":3,\"hours\":2,\"occurredAt\":\""
                        + Instant.now().minusSeconds(3_600) + "\"}";
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(http.send(HttpRequest.newBuilder(URI.create(pipeline.url() + "/api/v1/events/training"))
                                        .header("Authorization", "Bearer " + created.out().trim())
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202));

                // ... the lineage endpoint (for a department key) and `replay` read the schemas of the log
                final Run department = cli("keys", "create", "--department", "--config", good.toString());
                assertThat(department.exit()).as(department.err()).isZero();
                final String dept = department.out().trim();
                // answered 400 (no parameters) once the pipeline's key cache knows the key, without a replay
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(get(http, pipeline.url() + "/api/v1/lineage", dept).statusCode()).isEqualTo(400));
                final HttpResponse<String> lineage = get(http, pipeline.url() + "/api/v1/lineage?unit=" + district
                        + "&indicator=staff.active&asOf=" + Instant.now(), dept);
                assertThat(lineage.statusCode()).as(lineage.body()).isEqualTo(200);
                final Run replay = cli("replay", "--as-of", Instant.now().toString(), "--axis", "known-at",
                        "--out", work.resolve("replay").toString(), "--config", good.toString());
                final Matcher replayed = Pattern.compile("Replayed (\\d+) events").matcher(replay.out());
                assertThat(replayed.find()).as(replay.out() + replay.err()).isTrue();
                assertThat(Long.parseLong(replayed.group(1))).isPositive();

                // ... and every request reached the registry with the credentials
                assertThat(proxy.refused()).isZero();
                assertThat(proxy.forwarded()).isPositive();
            }

            // When a command runs with a wrong password
            final Run refused = cli("keys", "create", "--school", "DB-ANY", "--config", wrong.toString());

            // Then it fails, naming the setting to check and not the password
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.err()).contains("refused this client's credentials", "basic.auth.user.info")
                    .doesNotContain("not-the-password");
            assertThat(proxy.refused()).isPositive();
        }
    }

    private Path properties(final String name, final String bootstrap, final String registry, final String userInfo)
            throws IOException {
        return Files.writeString(work.resolve(name), String.join("\n",
                "bootstrap.servers=" + bootstrap,
                "schema.registry.url=" + registry,
                "basic.auth.credentials.source=USER_INFO",
                "basic.auth.user.info=" + userInfo, ""));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run cli(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static HttpResponse<String> get(final HttpClient http, final String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(final HttpClient http, final String url, final String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A registry's front door that requires HTTP Basic authentication and forwards what it lets in. */
    private static final class BasicAuthProxy implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final HttpClient client = HttpClient.newHttpClient();
        private final String target;
        private final AtomicInteger refused = new AtomicInteger();
        private final AtomicInteger forwarded = new AtomicInteger();

        BasicAuthProxy(final String target) throws IOException {
            this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::forward).setAuthenticator(new BasicAuthenticator("registry") {
                @Override
                public boolean checkCredentials(final String user, final String password) {
                    final boolean valid = USER.equals(user) && PASSWORD.equals(password);
                    if (!valid) {
                        refused.incrementAndGet();
                    }
                    return valid;
                }

                @Override
                public Result authenticate(final HttpExchange exchange) {
                    if (!exchange.getRequestHeaders().containsKey("Authorization")) {
                        refused.incrementAndGet();
                    }
                    return super.authenticate(exchange);
                }
            });
            server.setExecutor(threads);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int refused() {
            return refused.get();
        }

        int forwarded() {
            return forwarded.get();
        }

        private void forward(final HttpExchange exchange) throws IOException {
            final URI uri = exchange.getRequestURI();
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (final String header : new String[] {"Content-Type", "Accept"}) {
                final String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            final HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            forwarded.incrementAndGet();
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
