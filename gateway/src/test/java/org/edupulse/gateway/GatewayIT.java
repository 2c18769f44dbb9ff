package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.edupulse.ingest.EventType;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.SelfSignedKeystore;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.ApiKeyScope;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.EntityHolder;
import org.edupulse.schemas.EntityKind;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.serde.AvroSerializer;
import org.edupulse.serde.HttpTls;
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
    /** Large enough for a batch of 1,001 training events, so the event count is what a big batch hits first. */
    private static final long MAX_BODY = 512 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path EXAMPLES = Path.of("..", "examples");
    /**
     * A 2 s request time, short enough to test. Applied as the gateway applies its defaults, before
     * the first HTTP server of this JVM (the registry's) makes the JDK read them.
     */
    private static final HttpServerLimits TEST_LIMITS = new HttpServerLimits(Duration.ofSeconds(2), Duration.ofSeconds(30),
            100, 64 * 1024);

    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;
    private static ApiKeys keys;
    private static GatewayServer gateway;
    private static String keyA;
    private static String keyB;
    private static KafkaProducer<String, EntityHolder> holderWriter;
    private static String departmentKey;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        TEST_LIMITS.applyIfAbsent(System.getProperties());
        kafka = EmbeddedKafka.startEphemeral();
        registry = SchemaRegistryServer.start(RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
        }
        keys = ApiKeys.connect(kafka.bootstrapServers(), registry.url());
        keyA = keys.create(SCHOOL_A, "HR system").key();
        keyB = keys.create(SCHOOL_B, "HR system").key();
        holderWriter = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), SpecificAvroSerde.of(EntityHolder.class,
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()), false).serializer());
        departmentKey = keys.createDepartment("department school register").key();
        gateway = GatewayServer.start(config());
    }

    @AfterAll
    static void stop() {
        holderWriter.close();
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
        return readUpTo(Topics.TRAINING_EVENTS.name(), TrainingEvent.class, TrainingEvent::getSessionId, marker);
    }

    /** Like {@link #topicUpToMarker()} for the school records, by school id, with a marker the department posts. */
    private static Map<String, ConsumerRecord<String, School>> schoolsUpToMarker() throws Exception {
        final String marker = unique("DB-MARKER");
        assertThat(post(gateway.url(), "school", departmentKey, TestEvents.school(marker).toString()).statusCode())
                .isEqualTo(202);
        return readUpTo(Topics.SCHOOLS.name(), School.class, School::getSchoolId, marker);
    }

    private static <V extends SpecificRecord> Map<String, ConsumerRecord<String, V>> readUpTo(
            final String topic, final Class<V> type, final Function<V, String> id, final String marker) {
        final Map<String, ConsumerRecord<String, V>> byId = new HashMap<>();
        final Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                SpecificAvroSerde.of(type, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()), false)
                        .deserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byId.put(id.apply(r.value()), r));
                return byId.containsKey(marker);
            });
        }
        return byId;
    }

    /** Publishes who holds an entity as the pipeline does, and waits until the gateway has read it. */
    private static void holds(final EntityKind kind, final String entityId, final String schoolId) throws Exception {
        holderWriter.send(new ProducerRecord<>(Topics.ENTITY_HOLDERS.name(), Topics.holderKey(kind, entityId),
                EntityHolder.newBuilder().setEntityKind(kind).setEntityId(entityId).setSchoolId(schoolId)
                        .setChangedAt(Instant.parse("2025-03-01T00:00:00Z")).build())).get();
        assertThat(gateway.awaitCaughtUp(WAIT)).isTrue();
    }

    /** The staff topic by staff id (last event of each) up to a marker school A posts for a new person. */
    private static Map<String, ConsumerRecord<String, StaffEvent>> staffUpToMarker() throws Exception {
        final String marker = unique("NV-MARKER");
        assertThat(post(gateway.url(), "staff", keyA, TestEvents.staff(SCHOOL_A, marker, "JOINED").toString())
                .statusCode()).isEqualTo(202);
        return readUpTo(Topics.STAFF_EVENTS.name(), StaffEvent.class, StaffEvent::getStaffId, marker);
    }

    /** Like {@link #staffUpToMarker()} for the certification topic. */
    private static Map<String, ConsumerRecord<String, CertificationEvent>> certificationsUpToMarker() throws Exception {
        final String marker = unique("NV-MARKER");
        assertThat(post(gateway.url(), "certification", keyA,
                TestEvents.certification(SCHOOL_A, marker, "AWARDED").toString()).statusCode()).isEqualTo(202);
        return readUpTo(Topics.CERTIFICATION_EVENTS.name(), CertificationEvent.class, CertificationEvent::getStaffId,
                marker);
    }

    @Test
    void shouldRefuseWith403ASchoolsEventsAboutAPersonAnotherSchoolHoldsAndPublishNothing() throws Exception {
        // Given: school A holds NV-1
        final String person = unique("NV-1");
        holds(EntityKind.PERSON, person, SCHOOL_A);

        // When: school B posts a transfer and a certificate revocation of that person
        final HttpResponse<String> transfer = post(gateway.url(), "staff", keyB,
                TestEvents.staff(SCHOOL_B, person, "TRANSFERRED").toString());
        final HttpResponse<String> revocation = post(gateway.url(), "certification", keyB,
                TestEvents.certification(SCHOOL_B, person, "REVOKED").toString());

        // Then
        assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(403);
        final JsonNode body = json(transfer);
        assertThat(body.get("error").asText()).isEqualTo("held_by_other_school");
        assertThat(body.at("/errors/0/index").asInt()).isZero();
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("staffId");
        assertThat(body.at("/errors/0/reason").asText()).contains(person).contains("school " + SCHOOL_A)
                .contains("must first post RELEASED");
        assertThat(body.get("message").asText()).contains("nothing of this request was published");
        assertThat(revocation.statusCode()).as(revocation.body()).isEqualTo(403);
        assertThat(json(revocation).at("/errors/0/field").asText()).isEqualTo("staffId");
        assertThat(staffUpToMarker()).doesNotContainKey(person);
        assertThat(certificationsUpToMarker()).doesNotContainKey(person);
    }

    @Test
    void shouldRefuseAWholeBatchWhenOneEventIsAboutADeviceAnotherSchoolHolds() throws Exception {
        // Given: school A holds a device
        final String device = unique("TS-A");
        holds(EntityKind.DEVICE, device, SCHOOL_A);
        final String free = unique("TS-B");

        // When: school B posts a batch of a device nobody holds and that one
        final HttpResponse<String> response = post(gateway.url(), "device", keyB,
                TestEvents.batch(TestEvents.device(SCHOOL_B, free), TestEvents.device(SCHOOL_B, device)).toString());

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        final JsonNode body = json(response);
        assertThat(body.get("errorCount").asInt()).isEqualTo(1);
        assertThat(body.at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("deviceId");
        assertThat(body.at("/errors/0/reason").asText()).contains("held by school " + SCHOOL_A);
    }

    @Test
    void shouldListTheFirst100Of150EventsAboutPeopleAnotherSchoolHolds() throws Exception {
        // Given
        final String prefix = unique("NV-MANY");
        for (int i = 0; i < 150; i++) {
            holderWriter.send(new ProducerRecord<>(Topics.ENTITY_HOLDERS.name(),
                    Topics.holderKey(EntityKind.PERSON, prefix + "-" + i), EntityHolder.newBuilder()
                            .setEntityKind(EntityKind.PERSON).setEntityId(prefix + "-" + i).setSchoolId(SCHOOL_A)
                            .setChangedAt(Instant.parse("2025-03-01T00:00:00Z")).build()));
        }
        holderWriter.flush();
        assertThat(gateway.awaitCaughtUp(WAIT)).isTrue();
        final ArrayNode batch = TestEvents.batch();
        for (int i = 0; i < 150; i++) {
            batch.add(TestEvents.staff(SCHOOL_B, prefix + "-" + i, "TRANSFERRED"));
        }

        // When
        final HttpResponse<String> response = post(gateway.url(), "staff", keyB, batch.toString());

        // Then
        assertThat(response.statusCode()).isEqualTo(403);
        final JsonNode body = json(response);
        assertThat(body.get("errors")).hasSize(100);
        assertThat(body.get("errorCount").asInt()).isEqualTo(150);
        assertThat(body.get("errorsTruncated").asBoolean()).isTrue();
    }

    @Test
    void shouldAcceptTheHoldersReleaseAndThenTheOtherSchoolsTransfer() throws Exception {
        // Given: school A holds the person
        final String person = unique("NV-1");
        holds(EntityKind.PERSON, person, SCHOOL_A);

        // When: school A releases them, and the pipeline then says nobody holds them
        final HttpResponse<String> release = post(gateway.url(), "staff", keyA,
                TestEvents.staff(SCHOOL_A, person, "RELEASED").toString());
        holds(EntityKind.PERSON, person, null);
        final HttpResponse<String> transfer = post(gateway.url(), "staff", keyB,
                TestEvents.staff(SCHOOL_B, person, "TRANSFERRED").toString());

        // Then
        assertThat(release.statusCode()).as(release.body()).isEqualTo(202);
        assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(202);
        assertThat(staffUpToMarker()).containsKey(person);
    }

    @Test
    void shouldAcceptAnyEventAboutAHeldPersonOrDeviceFromADepartmentKey() throws Exception {
        // Given
        final String person = unique("NV-1");
        final String device = unique("TS-A");
        holds(EntityKind.PERSON, person, SCHOOL_A);
        holds(EntityKind.DEVICE, device, SCHOOL_A);

        // When
        final HttpResponse<String> transfer = post(gateway.url(), "staff", departmentKey,
                TestEvents.staff(SCHOOL_B, person, "TRANSFERRED").toString());
        final HttpResponse<String> revocation = post(gateway.url(), "certification", departmentKey,
                TestEvents.certification(SCHOOL_B, person, "REVOKED").toString());
        final HttpResponse<String> received = post(gateway.url(), "device", departmentKey,
                TestEvents.device(SCHOOL_B, device).toString());

        // Then
        assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(202);
        assertThat(revocation.statusCode()).as(revocation.body()).isEqualTo(202);
        assertThat(received.statusCode()).as(received.body()).isEqualTo(202);
    }

    @Test
    void shouldAcceptATransferOfSomeoneNobodyHoldsOrNobodyKnows() throws Exception {
        // Given: the pipeline says nobody holds one person; the other it has never seen
        final String released = unique("NV-1");
        holds(EntityKind.PERSON, released, null);

        // When
        final HttpResponse<String> first = post(gateway.url(), "staff", keyB,
                TestEvents.staff(SCHOOL_B, released, "TRANSFERRED").toString());
        final HttpResponse<String> second = post(gateway.url(), "staff", keyB,
                TestEvents.staff(SCHOOL_B, unique("NV-NEW"), "JOINED").toString());

        // Then
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
    }

    @Test
    void shouldReportBothCachesReadyOnHealthReady() throws Exception {
        // When
        final HttpResponse<String> ready = HTTP.send(request(gateway.url(), "/health/ready").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        final JsonNode body = json(ready);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/caches/api-keys/status").asText()).isEqualTo("UP");
        assertThat(body.at("/caches/entity-holders/status").asText()).isEqualTo("UP");
        assertThat(body.at("/caches/entity-holders/caughtUp").asBoolean()).isTrue();
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
    void shouldRefuseABatchOf1001EventsWith413AndPublishNoneOfThem() throws Exception {
        // Given
        final String prefix = unique("BIG");

        // When
        final HttpResponse<String> response = post(keyA, TestEvents.trainingBatch(SCHOOL_A, prefix, 1_001));

        // Then
        assertThat(response.statusCode()).isEqualTo(413);
        final JsonNode body = json(response);
        assertThat(body.get("eventCount").asInt()).isEqualTo(1_001);
        assertThat(body.get("maxBatchEvents").asInt()).isEqualTo(1_000);
        assertThat(body.get("message").asText()).contains("1001").contains("1000");
        assertThat(topicUpToMarker().keySet()).noneMatch(session -> session.startsWith(prefix));
    }

    @Test
    void shouldPublishABatchOf1000ValidEvents() throws Exception {
        // Given
        final String prefix = unique("FULL");

        // When
        final HttpResponse<String> response = post(keyA, TestEvents.trainingBatch(SCHOOL_A, prefix, 1_000));

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(1_000);
        assertThat(topicUpToMarker().keySet().stream().filter(session -> session.startsWith(prefix))).hasSize(1_000);
    }

    @Test
    void shouldListTheFirst100ErrorsOf150InvalidEventsWithTheirCount() throws Exception {
        // Given
        final String prefix = unique("BAD");
        final ArrayNode batch = TestEvents.trainingBatch(SCHOOL_A, prefix, 150);
        batch.forEach(event -> ((ObjectNode) event).put("participantCount", -3));

        // When
        final HttpResponse<String> response = post(keyA, batch);

        // Then
        assertThat(response.statusCode()).isEqualTo(422);
        final JsonNode body = json(response);
        assertThat(body.get("errors")).hasSize(100);
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("participantCount");
        assertThat(body.get("errorCount").asInt()).isEqualTo(150);
        assertThat(body.get("errorsTruncated").asBoolean()).isTrue();
        assertThat(topicUpToMarker().keySet()).noneMatch(session -> session.startsWith(prefix));
    }

    @Test
    void shouldRefuseASchoolRecordFromASchoolKeyWith403AndPublishNothing() throws Exception {
        // Given: school A renames its own district
        final ObjectNode renamed = TestEvents.school(SCHOOL_A).put("districtName", "Huyện Đổi Tên");

        // When
        final HttpResponse<String> response = post(gateway.url(), "school", keyA, renamed.toString());

        // Then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("message").asText()).contains("department key");
        assertThat(schoolsUpToMarker()).doesNotContainKey(SCHOOL_A);
    }

    @Test
    void shouldPublishASchoolRecordFromTheDepartmentKey() throws Exception {
        // Given
        final String school = unique("DB-NEW");

        // When
        final HttpResponse<String> response = post(gateway.url(), "school", departmentKey,
                TestEvents.school(school).toString());

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        final Map<String, ConsumerRecord<String, School>> schools = schoolsUpToMarker();
        assertThat(schools).containsKey(school);
        assertThat(schools.get(school).key()).isEqualTo(school);
        assertThat(schools.get(school).value().getDistrictName()).isEqualTo("Huyện Tủa Chùa");
    }

    @Test
    void shouldTakeAKeyWrittenWithTheFirstApiKeySchemaForASchoolKey() throws Exception {
        // Given: a key record written by the first release, without scope, in the key topic
        final String key = ApiKeyFormat.generate(new SecureRandom());
        final GenericRecord old = ApiKeySchemaEvolutionTest.firstVersionKey(key, SCHOOL_B);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), avroSerializer())) {
            producer.send(new ProducerRecord<>(Topics.API_KEYS.name(), (String) old.get("keyHash"), old)).get();
        }

        // When / Then: it writes its school's events
        await().atMost(WAIT).until(() -> post(gateway.url(), "training", key,
                TestEvents.training(SCHOOL_B, unique("OLD")).toString()).statusCode() == 202);
        // and, as a school key, no school records
        final HttpResponse<String> school = post(gateway.url(), "school", key, TestEvents.school(SCHOOL_B).toString());
        assertThat(school.statusCode()).isEqualTo(403);
        assertThat(keys.find(key)).hasValueSatisfying(k -> assertThat(k.getScope()).isEqualTo(ApiKeyScope.SCHOOL));
    }

    private static AvroSerializer avroSerializer() {
        final AvroSerializer serializer = new AvroSerializer();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()), false);
        return serializer;
    }

    @Test
    void shouldDisconnectAClientThatSendsHalfARequestHeaderOrNothingAtAll() throws Exception {
        // Given: one connection stops in the middle of its headers, another never sends a byte
        try (Socket half = new Socket(); Socket silent = new Socket()) {
            half.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
            silent.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
            final long start = System.nanoTime();
            half.getOutputStream().write(("POST /api/v1/events/training HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + keyA.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
            half.getOutputStream().flush();

            // When / Then: the half header is cut after the request time (checked every second),
            // the silent one after the same time at the next idle check (every 10 s)
            assertThat(closedBy(half, start, Duration.ofSeconds(10))).as("half a header").isTrue();
            assertThat(closedBy(silent, start, Duration.ofSeconds(25))).as("nothing sent").isTrue();
        }
        // and the gateway still serves
        assertThat(post(keyA, TestEvents.training(SCHOOL_A, unique("AFTER"))).statusCode()).isEqualTo(202);
    }

    /** Whether the server closed the socket before {@code bound} after {@code startNanos}; reads nothing else. */
    private static boolean closedBy(final Socket socket, final long startNanos, final Duration bound) throws IOException {
        final long leftMs = bound.toMillis() - Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        if (leftMs <= 0) {
            return false;
        }
        socket.setSoTimeout((int) leftMs);
        try {
            return socket.getInputStream().read() == -1;
        } catch (final SocketTimeoutException e) {
            return false;
        } catch (final SocketException e) {
            // reset by the server: closed as well
            return true;
        }
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
        final JsonNode invalid = json(openApi).at("/paths/~1api~1v1~1events~1device/post/responses/422");
        assertThat(invalid.at("/content/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/Error");
        assertThat(invalid.get("description").asText()).contains("errorCount");
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
                final String key = type == EventType.SCHOOL ? departmentKey
                        : keyBySchool.computeIfAbsent(school, s -> keys.create(s, "samples").key());

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
        assertThat(written).containsOnlyKeys("DEMO-1", "DEMO-2", DemoKeys.DEPARTMENT);
        assertThat(Files.readString(file)).contains("DEMO-1=" + written.get("DEMO-1"))
                .contains("DEPARTMENT=" + written.get(DemoKeys.DEPARTMENT));
        assertThat(DemoKeys.read(file)).isEqualTo(written);
        await().atMost(WAIT).until(() -> post(gateway.url(), "training", written.get("DEMO-2"),
                TestEvents.training("DEMO-2", unique("S")).toString()).statusCode() == 202);
        await().atMost(WAIT).until(() -> post(gateway.url(), "school", written.get(DemoKeys.DEPARTMENT),
                TestEvents.school("DEMO-2").toString()).statusCode() == 202);
        assertThat(post(gateway.url(), "school", written.get("DEMO-2"), TestEvents.school("DEMO-2").toString())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void shouldServeHttpsOnlyWithAKeystoreAcceptingABearerKeyOverTls(@TempDir final Path dir) throws Exception {
        // Given a second gateway with a self-signed keystore, and a client that trusts its certificate
        final String password = "gateway-it-keystore-pass";
        final Path keystore = SelfSignedKeystore.create(dir, password);
        final HttpTls tls = HttpTls.from(Map.of(HttpTls.KEYSTORE, keystore.toString(), HttpTls.KEYSTORE_PASSWORD,
                password));
        final HttpClient trusting = HttpClient.newBuilder()
                .sslContext(SelfSignedKeystore.trusting(keystore, password)).build();
        try (GatewayServer https = GatewayServer.start(config().withTls(tls))) {
            // When an event is posted over HTTPS, and plain HTTP is tried on the same port
            final HttpResponse<String> accepted = trusting.send(request(https.url(), "/api/v1/events/training")
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + keyA)
                    .POST(HttpRequest.BodyPublishers.ofString(TestEvents.training(SCHOOL_A, unique("TLS")).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            final ThrowingCallable plain = () -> HTTP.send(request("http://127.0.0.1:" + https.port(), "/health/live")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            // Then
            assertThat(https.url()).isEqualTo("https://127.0.0.1:" + https.port());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThatThrownBy(plain).isInstanceOf(IOException.class);
        }
    }
}
