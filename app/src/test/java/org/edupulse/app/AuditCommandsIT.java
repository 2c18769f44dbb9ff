package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.gateway.ApiKeys;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.serving.ServingConfig;
import org.edupulse.simulate.Profile;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The auditor's commands through the CLI and the HTTP API: {@code replay} writes its reports and
 * exits 0 while the history agrees, for every unit or the units of any level asked for, 64 for a unit
 * id never published, and 3 once a published value was altered; {@code lineage} and
 * {@code GET /api/v1/lineage} list source events that add up to the published value.
 */
class AuditCommandsIT {

    @TempDir
    Path work;

    @Test
    void shouldExitZeroWhenPublishedValuesAgreeAndThreeOnceOneWasAltered() throws Exception {
        // Given the small history processed by the live pipeline, run with two stream threads
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of("EDUPULSE_NUM_STREAM_THREADS", "2"), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0"));
        try (Platform platform = Platform.start(config);
             Pipeline pipeline = Pipeline.start(platform.bootstrapServers(), platform.schemaRegistryUrl(), config,
                     ServingConfig.defaults(platform.bootstrapServers(), platform.schemaRegistryUrl()).withPort(0),
                     Files.createDirectory(work.resolve("state")), true);
             EventPublisher publisher = new EventPublisher(
                     PublisherConfig.of(platform.bootstrapServers(), platform.schemaRegistryUrl()))) {
            assertThat(pipeline.app().streams().metadataForLocalThreads()).hasSize(2);
            new SimulationRunner(publisher, Profile.SMALL, 7L).publishHistory();
            final Map<String, IndicatorSet> published = awaitSettled(platform);
            final Instant settled = Instant.now();

            // When replayed as known at that instant
            final Run agree = replay(platform, settled, work.resolve("agree"));

            // Then the reports are written and the exit code says they agree
            assertThat(agree.exit()).as(agree.out()).isZero();
            assertThat(agree.out()).contains("agree");
            assertThat(work.resolve("agree")).isDirectoryContaining("glob:**report.json")
                    .isDirectoryContaining("glob:**report.csv").isDirectoryContaining("glob:**report.html");

            // When replayed for units of every level, one named with the deprecated --district
            final Run units = replay(platform, settled, work.resolve("units"), "--unit", "DB-MA-SCH-001", "--unit",
                    "DB-MA-X01", "--district", "DB");

            // Then they agree, the report names exactly those units, and --district is called deprecated
            assertThat(units.exit()).as(units.out()).isZero();
            assertThat(units.out()).contains("--district is deprecated");
            final JsonNode report = new ObjectMapper().readTree(work.resolve("units").resolve("report.json").toFile());
            assertThat(report.get("units")).extracting(JsonNode::asText)
                    .containsExactly("DB", "DB-MA-SCH-001", "DB-MA-X01");
            assertThat(report.get("values")).extracting(v -> v.get("level").asText())
                    .containsOnly("SCHOOL", "COMMUNE", "PROVINCE");

            // And a unit id that was never published is refused by name with exit code 64
            final Run noSuchUnit = replay(platform, settled, work.resolve("no-such-unit"), "--unit", "DB-MA-X99");
            assertThat(noSuchUnit.exit()).as(noSuchUnit.out()).isEqualTo(ExitCodes.USAGE);
            assertThat(noSuchUnit.out()).contains("no unit DB-MA-X99");

            // And the lineage of Mường Ảng's certified share adds up to what was published, in the CLI and over HTTP
            final IndicatorValue certified = published.get("DB-MA").getIndicators().get("staff.it_certified.share");
            final StringWriter lineageOut = new StringWriter();
            final CommandLine lineage = EduPulse.commandLine();
            lineage.setOut(new PrintWriter(lineageOut, true));
            assertThat(lineage.execute("lineage", "--unit", "DB-MA", "--indicator", "staff.it_certified.share",
                    "--as-of", settled.toString(), "--json", "--bootstrap-servers", platform.bootstrapServers(),
                    "--schema-registry-url", platform.schemaRegistryUrl())).isZero();
            final JsonNode cli = new ObjectMapper().readTree(lineageOut.toString());
            assertThat(cli.get("matchesPublished").asBoolean()).isTrue();
            assertThat(cli.get("numerator").asDouble()).isEqualTo(certified.getNumerator());
            assertThat(cli.get("numeratorEvents")).hasSize((int) certified.getNumerator());
            assertThat(cli.get("denominatorEvents")).hasSize(certified.getDenominator().intValue());
            // (over HTTP with a department key of the pipeline's mounted gateway)
            final String department;
            try (ApiKeys keys = ApiKeys.connect(platform.bootstrapServers(), platform.schemaRegistryUrl())) {
                department = keys.createDepartment("auditor").key();
            }
            // answered 400 (no parameters) once the pipeline's key cache knows the key, without a replay
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(lineage(pipeline.url() + "/api/v1/lineage", department).statusCode()).isEqualTo(400));
            final HttpResponse<String> http = lineage(pipeline.url()
                    + "/api/v1/lineage?unit=DB-MA&indicator=staff.it_certified.share&asOf=" + settled, department);
            assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(http.body())).isEqualTo(cli);
            final HttpResponse<String> unknown = lineage(pipeline.url()
                    + "/api/v1/lineage?unit=DB-MA&indicator=staff.happiness&asOf=" + settled, department);
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("staff.happiness");
            final HttpResponse<String> anonymous = lineage(pipeline.url()
                    + "/api/v1/lineage?unit=DB-MA&indicator=staff.it_certified.share&asOf=" + settled, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);

            // When a published value is altered in the history, Then the replay reports it with exit code 3
            final IndicatorSet altered = IndicatorSet.newBuilder(published.get("DB-MA")).build();
            altered.getIndicators().put("staff.active", new IndicatorValue(9_999.0, null, 9_999.0, null));
            try (KafkaProducer<String, IndicatorSet> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()), new StringSerializer(),
                    SpecificAvroSerde.of(IndicatorSet.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                            platform.schemaRegistryUrl()), false).serializer())) {
                producer.send(new ProducerRecord<>(Topics.INDICATOR_HISTORY.name(), "DB-MA", altered)).get();
            }
            final Run differ = replay(platform, Instant.now(), work.resolve("differ"));
            assertThat(differ.exit()).as(differ.out()).isEqualTo(3);
            assertThat(differ.out()).contains("DB-MA staff.active");
        }
    }

    private record Run(int exit, String out) {
    }

    private static HttpResponse<String> lineage(final String url, final String key) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Run replay(final Platform platform, final Instant asOf, final Path out, final String... more) {
        final StringWriter output = new StringWriter();
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(output, true));
        cli.setErr(new PrintWriter(output, true));
        final List<String> args = new ArrayList<>(List.of("replay", "--as-of", asOf.toString(), "--axis",
                "known-at", "--out", out.toString(), "--bootstrap-servers", platform.bootstrapServers(),
                "--schema-registry-url", platform.schemaRegistryUrl()));
        args.addAll(List.of(more));
        final int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, output.toString());
    }

    /** Waits until the history topic stops changing: the pipeline has published everything. */
    private static Map<String, IndicatorSet> awaitSettled(final Platform platform) {
        final Map<String, IndicatorSet> latest = new HashMap<>();
        final java.util.concurrent.atomic.AtomicInteger quietSeconds = new java.util.concurrent.atomic.AtomicInteger();
        try (KafkaConsumer<String, IndicatorSet> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "audit-cli-it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                SpecificAvroSerde.of(IndicatorSet.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        platform.schemaRegistryUrl()), false).deserializer())) {
            consumer.subscribe(List.of(Topics.INDICATOR_HISTORY.name()));
            // Settled once a district is published and five one-second polls in a row bring nothing new.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).until(() -> {
                final var records = consumer.poll(Duration.ofSeconds(1));
                records.forEach(record -> latest.put(record.key(), record.value()));
                if (records.isEmpty() && latest.containsKey("DB-MA")) {
                    return quietSeconds.incrementAndGet() >= 5;
                }
                quietSeconds.set(0);
                return false;
            });
        }
        return latest;
    }
}
