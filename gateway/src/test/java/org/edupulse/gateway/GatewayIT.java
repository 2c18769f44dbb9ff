package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.ingest.EventType;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway on the real in-JVM broker and registry: every status code, what reaches the topic, keys across instances. */
class GatewayIT {

    private static final String SCHOOL_A = "DB-MA-TH-01";
    private static final String SCHOOL_B = "DB-TG-THCS-02";
    private static final long MAX_BODY = 64 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path EXAMPLES = Path.of("..", "examples");

    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;
    private static ApiKeys keys;
    private static GatewayServer gateway;
    private static String keyA;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startEphemeral();
        registry = SchemaRegistryServer.start(RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
        }
        keys = ApiKeys.connect(kafka.bootstrapServers(), registry.url());
        keyA = keys.create(SCHOOL_A, "HR system").key();
        gateway = GatewayServer.start(config());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        keys.close();
        registry.close();
        kafka.close();
    }

    private static GatewayConfig config() {
        return GatewayConfig.of(kafka.bootstrapServers(), registry.url()).withPort(0).withMaxBodyBytes(MAX_BODY);
    }

    private static String unique(final String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static HttpRequest.Builder request(final String base, final String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT);
    }

    private static HttpResponse<String> post(final String base, final String type, final String key, final String body)
            throws IOException, InterruptedException {
        final HttpRequest.Builder builder = request(base, "/api/v1/events/" + type)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(final String key, final JsonNode body) throws IOException, InterruptedException {
        return post(gateway.url(), "training", key, body.toString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException {
        return JsonResponses.JSON.readTree(response.body());
    }

    /** Publishes a marker through the gateway, then reads the topic up to it: everything published before is there. */
    private static Map<String, ConsumerRecord<String, TrainingEvent>> topicUpToMarker() throws Exception {
        final String marker = unique("MARKER");
        assertThat(post(keyA, TestEvents.training(SCHOOL_A, marker)).statusCode()).isEqualTo(202);
        final Map<String, ConsumerRecord<String, TrainingEvent>> bySession = new HashMap<>();
        final Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, TrainingEvent> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                SpecificAvroSerde.of(TrainingEvent.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()), false)
                        .deserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.TRAINING_EVENTS.name())
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> bySession.put(r.value().getSessionId(), r));
                return bySession.containsKey(marker);
            });
        }
        return bySession;
    }

    @Test
    void shouldPublishAcceptedEventsToTheTopicKeyedBySchool() throws Exception {
        // Given
        final String first = unique("S");
        final String second = unique("S");

        // When
        final HttpResponse<String> response = post(keyA, TestEvents.batch(
                TestEvents.training(SCHOOL_A, first), TestEvents.training(SCHOOL_A, second)));

        // Then
        assertThat(response.statusCode()).isEqualTo(202);
        final JsonNode body = json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        final Map<String, ConsumerRecord<String, TrainingEvent>> topic = topicUpToMarker();
        assertThat(topic).containsKeys(first, second);
        assertThat(topic.get(first).key()).isEqualTo(SCHOOL_A);
        assertThat(topic.get(first).value().getEventId()).isEqualTo(body.at("/eventIds/0").asText());
        assertThat(topic.get(second).value().getEventId()).isEqualTo(body.at("/eventIds/1").asText());
    }

    @Test
    void shouldChallengeARequestWithoutKeyWith401() throws Exception {
        // When
        final HttpResponse<String> response = post(null, TestEvents.training(SCHOOL_A, unique("S")));

        // Then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(json(response).get("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void shouldRefuseAnUnknownKeyWith401() throws Exception {
        // When
        final HttpResponse<String> response = post(ApiKeyFormat.generate(new SecureRandom()),
                TestEvents.training(SCHOOL_A, unique("S")));

        // Then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(json(response).get("message").asText()).isEqualTo("unknown API key");
    }

    @Test
    void shouldRefuseARevokedKeyWith401() throws Exception {
        // Given: a key the gateway has accepted
        final CreatedKey created = keys.create(SCHOOL_A, "to be revoked");
        await().atMost(WAIT).until(() -> post(created.key(), TestEvents.training(SCHOOL_A, unique("S"))).statusCode() == 202);

        // When
        assertThat(keys.revoke(created.keyId())).hasValueSatisfying(k -> assertThat(k.getRevokedAt()).isNotNull());

        // Then
        await().atMost(WAIT).until(() -> post(created.key(), TestEvents.training(SCHOOL_A, unique("S"))).statusCode() == 401);
        final HttpResponse<String> response = post(created.key(), TestEvents.training(SCHOOL_A, unique("S")));
        assertThat(json(response).get("message").asText()).contains("revoked");
    }

    @Test
    void shouldRefuseACrossSchoolBatchWith403AndPublishNothingOfIt() throws Exception {
        // Given
        final String own = unique("OWN");

        // When
        final HttpResponse<String> response = post(keyA, TestEvents.batch(
                TestEvents.training(SCHOOL_A, own), TestEvents.training(SCHOOL_B, unique("FOREIGN"))));

        // Then
        assertThat(response.statusCode()).isEqualTo(403);
        final JsonNode body = json(response);
        assertThat(body.at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("schoolId");
        assertThat(topicUpToMarker()).doesNotContainKey(own);
    }

    @Test
    void shouldRejectInvalidEventsWith422ListingIndexFieldReasonAndPublishNothingOfTheBatch() throws Exception {
        // Given
        final String valid = unique("VALID");
        final ObjectNode invalid = TestEvents.training(SCHOOL_A, unique("INVALID")).put("hours", -1).put("topic", "DANCING");

        // When
        final HttpResponse<String> response = post(keyA, TestEvents.batch(TestEvents.training(SCHOOL_A, valid), invalid));

        // Then
        assertThat(response.statusCode()).isEqualTo(422);
        final JsonNode errors = json(response).get("errors");
        assertThat(errors).hasSize(2);
        final List<String> fields = new ArrayList<>();
        errors.forEach(e -> {
            assertThat(e.get("index").asInt()).isEqualTo(1);
            assertThat(e.get("reason").asText()).isNotBlank();
            fields.add(e.get("field").asText());
        });
        assertThat(fields).containsExactlyInAnyOrder("hours", "topic");
        assertThat(topicUpToMarker()).doesNotContainKey(valid);
    }

    @Test
    void shouldRejectMalformedJsonWith400() throws Exception {
        // When
        final HttpResponse<String> broken = post(gateway.url(), "training", keyA, "{\"schoolId\": ");
        final HttpResponse<String> scalars = post(gateway.url(), "training", keyA, "[1, 2]");

        // Then
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("error").asText()).isEqualTo("malformed_json");
        assertThat(scalars.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer404ListingTheKnownTypesForAnUnknownType() throws Exception {
        // When
        final HttpResponse<String> response = post(gateway.url(), "grades", keyA, "{}");

        // Then
        assertThat(response.statusCode()).isEqualTo(404);
        final List<String> known = new ArrayList<>();
        json(response).get("knownTypes").forEach(t -> known.add(t.asText()));
        assertThat(known).containsExactly("training", "certification", "device", "staff", "school");
    }

    @Test
    void shouldAnswer405ForOtherMethods() throws Exception {
        // When
        final HttpResponse<String> response = HTTP.send(request(gateway.url(), "/api/v1/events/training").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void shouldAnswer413ForADeclaredOrStreamedBodyAboveTheLimit() throws Exception {
        // Given: a valid event padded past the limit
        final byte[] large = TestEvents.training(SCHOOL_A, "x".repeat((int) MAX_BODY + 1024)).toString()
                .getBytes(StandardCharsets.UTF_8);

        // When
        final HttpResponse<String> declared = HTTP.send(request(gateway.url(), "/api/v1/events/training")
                .header("Authorization", "Bearer " + keyA)
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(), HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> streamed = HTTP.send(request(gateway.url(), "/api/v1/events/training")
                .header("Authorization", "Bearer " + keyA)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))).build(),
                HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).get("maxBodyBytes").asLong()).isEqualTo(MAX_BODY);
        assertThat(streamed.statusCode()).isEqualTo(413);
    }

    @Test
    void shouldAnswer415ForADeclaredNonJsonContentType() throws Exception {
        // When
        final HttpResponse<String> response = HTTP.send(request(gateway.url(), "/api/v1/events/training")
                .header("Authorization", "Bearer " + keyA)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("schoolId\n" + SCHOOL_A)).build(), HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void shouldServeTheOpenApiDocumentAndLiveness() throws Exception {
        // When
        final HttpResponse<String> openApi = HTTP.send(request(gateway.url(), OpenApiDocument.PATH).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> live = HTTP.send(request(gateway.url(), "/health/live").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(json(openApi).at("/paths/~1api~1v1~1events~1device/post/responses/422")).isNotNull();
        assertThat(live.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAcceptOnASecondInstanceAKeyCreatedAfterItStarted() throws Exception {
        // Given
        try (GatewayServer second = GatewayServer.start(config())) {

            // When
            final CreatedKey created = keys.create(SCHOOL_B, "asset register");

            // Then
            await().atMost(WAIT).until(() -> post(second.url(), "training", created.key(),
                    TestEvents.training(SCHOOL_B, unique("S")).toString()).statusCode() == 202);
        }
    }

    @Test
    void shouldAcceptEverySampleLineOfTheExamplesAsItIs() throws Exception {
        // Given: a key for every school the samples name
        final Map<String, String> keyBySchool = new HashMap<>();
        for (final EventType type : EventType.values()) {
            for (final String line : Files.readAllLines(EXAMPLES.resolve(type.cliName() + ".ndjson"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                final String school = JsonResponses.JSON.readTree(line).get("schoolId").asText();
                final String key = keyBySchool.computeIfAbsent(school, s -> keys.create(s, "samples").key());

                // When / Then: the line is the request body, byte for byte
                await().atMost(WAIT).until(() -> post(gateway.url(), type.cliName(), key, line).statusCode() != 401);
                final HttpResponse<String> response = post(gateway.url(), type.cliName(), key, line);
                assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(202);
            }
        }
    }

    @Test
    void shouldWriteDemoKeysTheGatewayAcceptsAndKeepThemAcrossRestarts(@TempDir final Path dir) throws Exception {
        // Given
        final Path file = dir.resolve("data").resolve("gateway-keys.properties");

        // When
        final Map<String, String> written = DemoKeys.write(file, List.of("DEMO-1", "DEMO-2"), keys);
        final Map<String, String> again = DemoKeys.write(file, List.of("DEMO-1", "DEMO-2"), keys);

        // Then
        assertThat(again).isEqualTo(written);
        assertThat(Files.readString(file)).contains("DEMO-1=" + written.get("DEMO-1"));
        assertThat(DemoKeys.read(file)).isEqualTo(written);
        await().atMost(WAIT).until(() -> post(gateway.url(), "training", written.get("DEMO-2"),
                TestEvents.training("DEMO-2", unique("S")).toString()).statusCode() == 202);
    }
}
