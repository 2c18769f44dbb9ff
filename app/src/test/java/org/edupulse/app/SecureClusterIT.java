package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.producers.EventPublisher;
import org.edupulse.serving.ServingConfig;
import org.edupulse.simulate.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every Kafka client EduPulse builds takes the security settings of its configuration: against a
 * real broker whose client listener requires SASL (PLAIN here; the compose {@code secure} profile
 * uses SCRAM, which differs only in the broker's user store), the embedded registry, topic
 * provisioning, the pipeline with its query API, history readers, lineage and gateway, {@code keys},
 * the publisher and {@code replay} all work from one properties file, while a client without
 * credentials is refused.
 */
class SecureClusterIT {

    private static final String BROKER_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" user_edupulse=\"edupulse-secret\";";
    private static final String CLIENT_JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"edupulse\" password=\"edupulse-secret\";";

    @TempDir
    Path work;

    @Test
    void shouldRunEveryComponentAgainstABrokerThatRequiresSasl() throws Exception {
        // Given a broker whose client listener requires SASL/PLAIN
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null, Map.of(
                "listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.plaintext.plain.sasl.jaas.config", BROKER_JAAS))) {
            // ... which refuses a client without credentials
            try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThatThrownBy(() -> anonymous.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                        .clusterId().get()).isInstanceOf(ExecutionException.class);
            }

            // ... and one properties file with the credentials
            final Path file = work.resolve("secure.properties");
            Files.writeString(file, String.join("\n",
                    "bootstrap.servers=" + kafka.bootstrapServers(),
                    "registry.port=0",
                    "security.protocol=SASL_PLAINTEXT",
                    "sasl.mechanism=PLAIN",
                    "sasl.jaas.config=" + CLIENT_JAAS, ""));
            final EduPulseConfig config = EduPulseConfig.load(file, Map.of(), Map.of());
            assertThat(config.clientOverrides()).containsEntry("sasl.jaas.config", CLIENT_JAAS);

            // When the platform (embedded registry, topics), the pipeline with its gateway and a publisher run on it
            try (Platform platform = Platform.start(config);
                 Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                         ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl()).withPort(0),
                         Files.createDirectory(work.resolve("state")), true);
                 EventPublisher publisher = new EventPublisher(
                         config.publisherConfig(platform.bootstrapServers(), platform.schemaRegistryUrl()))) {
                final SimulationRunner.History history = new SimulationRunner(publisher, Profile.SMALL, 11L)
                        .publishHistory();
                final String school = history.firstSchoolPerDistrict().get(0);
                final String district = history.districtIds().stream().sorted().findFirst().orElseThrow();

                // Then the query API serves the district from the stores and its history from the topic
                final HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(get(http, pipeline.url() + "/api/v1/districts/" + district).statusCode()).isEqualTo(200);
                    assertThat(get(http, pipeline.url() + "/api/v1/districts/" + district
                            + "/history?indicator=staff.active&from=2000-01-01").statusCode()).isEqualTo(200);
                });

                // ... `keys create` writes a key the pipeline's gateway accepts for an event
                final Run created = cli("keys", "create", "--school", school, "--config", file.toString(),
                        "--schema-registry-url", platform.schemaRegistryUrl());
                assertThat(created.exit()).as(created.err()).isZero();
                final String key = created.out().trim();
                final String event = "{\"schoolId\":\"" + school + "\",\"sessionId\":\"secure-1\",\"topic\":\"BASIC_IT\","
                        + "\"audience\":\"STAFF\",\"participantCount\":3,\"hours\":2,\"occurredAt\":\""
                        + Instant.now().minusSeconds(3_600) + "\"}";
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(http.send(HttpRequest.newBuilder(URI.create(pipeline.url() + "/api/v1/events/training"))
                                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202));

                // ... the lineage endpoint replays the log
                assertThat(get(http, pipeline.url() + "/api/v1/lineage?unit=" + district
                        + "&indicator=staff.active&asOf=" + Instant.now()).statusCode()).isEqualTo(200);

                // ... and `replay` reads the retained log
                final Run replay = cli("replay", "--as-of", Instant.now().toString(), "--axis", "known-at",
                        "--out", work.resolve("replay").toString(), "--config", file.toString(),
                        "--schema-registry-url", platform.schemaRegistryUrl());
                final Matcher replayed = Pattern.compile("Replayed (\\d+) events").matcher(replay.out());
                assertThat(replayed.find()).as(replay.out() + replay.err()).isTrue();
                assertThat(Long.parseLong(replayed.group(1))).isPositive();
            }
        }
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
}
