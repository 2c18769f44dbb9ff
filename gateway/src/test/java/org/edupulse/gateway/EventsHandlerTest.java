package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import org.edupulse.schemas.EntityKind;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.tail.TailHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request pipeline on a real HTTP server with a stub Kafka and stub keys: fast, and it can make Kafka fail. */
class EventsHandlerTest {

    private static final String KEY = "ep_0123456789ab_" + "s".repeat(43);
    private static final ApiKey KEY_RECORD = ApiKey.newBuilder()
            .setKeyHash(ApiKeyFormat.sha256Hex(KEY)).setKeyId("0123456789ab").setSchoolId("DB-A")
            .setScope(ApiKeyScope.SCHOOL).setCreatedAt(Instant.parse("2025-01-01T00:00:00Z")).build();
    private static final String DEPARTMENT_KEY = "ep_ba9876543210_" + "d".repeat(43);
    private static final ApiKey DEPARTMENT_RECORD = ApiKey.newBuilder()
            .setKeyHash(ApiKeyFormat.sha256Hex(DEPARTMENT_KEY)).setKeyId("ba9876543210").setSchoolId(ApiKeys.ANY_SCHOOL)
            .setScope(ApiKeyScope.DEPARTMENT).setCreatedAt(Instant.parse("2025-01-01T00:00:00Z")).build();

    private final List<SpecificRecord> sent = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String start(final RecordSender sender, final Duration publishTimeout) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        final KeyLookup keys = presented -> Optional.ofNullable(
                Map.of(KEY, KEY_RECORD, DEPARTMENT_KEY, DEPARTMENT_RECORD).get(presented));
        GatewayHandlers.mount(server, record -> {
            sent.add(record);
            return sender.send(record);
        }, keys, GatewayConfig.of("unused:9092", "http://unused").withPublishTimeout(publishTimeout));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private HttpResponse<String> post(final String base, final JsonNode body) throws IOException, InterruptedException {
        return post(base, "training", KEY, body);
    }

    private HttpResponse<String> post(final String base, final String type, final String key, final JsonNode body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events/" + type))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<RecordMetadata> acked(final SpecificRecord record) {
        return CompletableFuture.completedFuture(new RecordMetadata(new TopicPartition("t", 0), 0, 0, 0, 0, 0));
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException {
        return JsonResponses.JSON.readTree(response.body());
    }

    @Test
    void shouldAnswer202WithEventIdsInRequestOrderOnceAllAreAcknowledged() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));
        final JsonNode batch = TestEvents.batch(TestEvents.training("DB-A", "S-1").put("eventId", "given-id"),
                TestEvents.training("DB-A", "S-2"));

        // When
        final HttpResponse<String> response = post(base, batch);

        // Then
        assertThat(response.statusCode()).isEqualTo(202);
        final JsonNode body = json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(2);
        assertThat(body.get("schoolId").asText()).isEqualTo("DB-A");
        assertThat(body.get("eventIds").get(0).asText()).isEqualTo("given-id");
        assertThat(body.get("eventIds").get(1).asText()).isEqualTo(((TrainingEvent) sent.get(1)).getEventId());
    }

    @Test
    void shouldAnswer503WithTheReasonWhenKafkaRefuses() throws Exception {
        // Given
        final String base = start(record -> CompletableFuture.failedFuture(
                new NotEnoughReplicasException("not enough in-sync replicas")), Duration.ofSeconds(5));

        // When
        final HttpResponse<String> response = post(base, TestEvents.training("DB-A", "S-1"));

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        final JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("publish_failed");
        assertThat(body.get("message").asText()).contains("not enough in-sync replicas").contains("resending");
        assertThat(body.get("retryable").asBoolean()).isTrue();
        assertThat(response.body()).doesNotContain("at org.");
    }

    @Test
    void shouldAnswer503WhenKafkaDoesNotAcknowledgeInTime() throws Exception {
        // Given
        final String base = start(record -> new CompletableFuture<>(), Duration.ofMillis(200));

        // When
        final HttpResponse<String> response = post(base, TestEvents.training("DB-A", "S-1"));

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("message").asText()).contains("did not acknowledge");
    }

    @Test
    void shouldAnswer503NotAStackTraceWhenTheSenderThrows() throws Exception {
        // Given
        final String base = start(record -> {
            throw new IllegalStateException("producer closed");
        }, Duration.ofSeconds(5));

        // When
        final HttpResponse<String> response = post(base, TestEvents.training("DB-A", "S-1"));

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("producer closed").doesNotContain("at org.").doesNotContain("Exception\\n");
    }

    @Test
    void shouldSendNothingWhenOneEventOfTheBatchIsForeignOrInvalid() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));

        // When
        final HttpResponse<String> foreign = post(base, TestEvents.batch(TestEvents.training("DB-A", "S-1"),
                TestEvents.training("DB-B", "S-2")));
        final HttpResponse<String> invalid = post(base, TestEvents.batch(TestEvents.training("DB-A", "S-1"),
                TestEvents.training("DB-A", "S-2").put("hours", -1)));

        // Then
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(json(foreign).at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json(invalid).at("/errors/0/field").asText()).isEqualTo("hours");
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldRefuseABatchAboveTheLimitWith413NamingCountAndLimitAndSendNothing() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));

        // When
        final HttpResponse<String> response = post(base, TestEvents.trainingBatch("DB-A", "S", 1_001));

        // Then
        assertThat(response.statusCode()).isEqualTo(413);
        final JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("too_many_events");
        assertThat(body.get("message").asText()).contains("1001").contains("1000").contains("gateway.max.batch.events");
        assertThat(body.get("eventCount").asInt()).isEqualTo(1_001);
        assertThat(body.get("maxBatchEvents").asInt()).isEqualTo(1_000);
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldAcceptABatchOfExactlyTheLimit() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));

        // When
        final HttpResponse<String> response = post(base, TestEvents.trainingBatch("DB-A", "S", 1_000));

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(1_000);
        assertThat(sent).hasSize(1_000);
    }

    @Test
    void shouldListTheFirstHundredErrorsOfA422WithTheTotalCount() throws Exception {
        // Given: 150 events with one problem each
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));
        final ArrayNode batch = TestEvents.trainingBatch("DB-A", "S", 150);
        batch.forEach(event -> ((ObjectNode) event).put("hours", -1));

        // When
        final HttpResponse<String> response = post(base, batch);

        // Then
        assertThat(response.statusCode()).isEqualTo(422);
        final JsonNode body = json(response);
        assertThat(body.get("errors")).hasSize(100);
        assertThat(body.at("/errors/99/index").asInt()).isEqualTo(99);
        assertThat(body.get("errorCount").asInt()).isEqualTo(150);
        assertThat(body.get("errorsTruncated").asBoolean()).isTrue();
        assertThat(body.get("message").asText()).contains("150");
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldSayAnUncutErrorListIsComplete() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));

        // When
        final HttpResponse<String> response = post(base, TestEvents.training("DB-A", "S-1").put("hours", -1));

        // Then
        assertThat(response.statusCode()).isEqualTo(422);
        final JsonNode body = json(response);
        assertThat(body.get("errors")).hasSize(1);
        assertThat(body.get("errorCount").asInt()).isEqualTo(1);
        assertThat(body.get("errorsTruncated").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseSchoolRecordsFromASchoolKeyWith403AndSendNothing() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));

        // When: the school's own record, renaming its district
        final HttpResponse<String> response = post(base, "school", KEY,
                TestEvents.school("DB-A").put("districtName", "Huyện Đổi Tên"));

        // Then
        assertThat(response.statusCode()).isEqualTo(403);
        final JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("forbidden");
        assertThat(body.get("message").asText()).contains("department key").contains("nothing of this request was published");
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldAcceptSchoolRecordsOfAnySchoolFromADepartmentKey() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));

        // When
        final HttpResponse<String> response = post(base, "school", DEPARTMENT_KEY,
                TestEvents.batch(TestEvents.school("DB-A"), TestEvents.school("DB-B")));

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
        assertThat(sent).extracting(r -> ((School) r).getSchoolId()).containsExactly("DB-A", "DB-B");
    }

    @Test
    void shouldAcceptEventsOfAnySchoolFromADepartmentKey() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));

        // When
        final HttpResponse<String> response = post(base, "training", DEPARTMENT_KEY,
                TestEvents.batch(TestEvents.training("DB-A", "S-1"), TestEvents.training("DB-B", "S-2")));

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("schoolId").asText()).isEqualTo(ApiKeys.ANY_SCHOOL);
        assertThat(sent).hasSize(2);
    }

    @Test
    void shouldPublishTheFieldsTheContractsGainedInTheirSecondVersion() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));
        final ObjectNode lesson = TestEvents.training("DB-A", "S-1").put("topic", "STUDENT_DIGITAL_SKILLS")
                .put("audience", "STUDENTS").put("trainerStaffId", "NV-1").put("trainerKind", "IT_TEACHER");
        lesson.putArray("contents").add("ONLINE_PUBLIC_SERVICES").add("LOCAL_DIGITAL_PLATFORMS");
        final ObjectNode team = TestEvents.staff("DB-A", "NV-1", "TEAM_JOINED").put("teamCommuneId", "DB-A-C01");

        // When
        final HttpResponse<String> training = post(base, "training", KEY, lesson);
        final HttpResponse<String> staff = post(base, "staff", KEY, team);
        final HttpResponse<String> school = post(base, "school", DEPARTMENT_KEY,
                TestEvents.school("DB-A").put("wifiCoverage", true));
        final HttpResponse<String> teamWithoutCommune = post(base, "staff", KEY,
                TestEvents.staff("DB-A", "NV-2", "TEAM_LEFT"));

        // Then
        assertThat(List.of(training, staff, school)).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
        final TrainingEvent session = (TrainingEvent) sent.get(0);
        assertThat(session.getContents()).containsExactly(TrainingContent.ONLINE_PUBLIC_SERVICES,
                TrainingContent.LOCAL_DIGITAL_PLATFORMS);
        assertThat(session.getTrainerStaffId()).isEqualTo("NV-1");
        assertThat(session.getTrainerKind()).isEqualTo(TrainerKind.IT_TEACHER);
        assertThat(((StaffEvent) sent.get(1)).getTeamCommuneId()).isEqualTo("DB-A-C01");
        assertThat(((School) sent.get(2)).getWifiCoverage()).isTrue();
        assertThat(teamWithoutCommune.statusCode()).isEqualTo(422);
        assertThat(json(teamWithoutCommune).at("/errors/0/field").asText()).isEqualTo("teamCommuneId");
        assertThat(sent).hasSize(3);
    }

    @Test
    void shouldListAtMostAHundredForeignEventsIn403() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));

        // When
        final HttpResponse<String> response = post(base, TestEvents.trainingBatch("DB-B", "S", 101));

        // Then
        assertThat(response.statusCode()).isEqualTo(403);
        final JsonNode body = json(response);
        assertThat(body.get("errors")).hasSize(100);
        assertThat(body.get("errorCount").asInt()).isEqualTo(101);
        assertThat(body.get("errorsTruncated").asBoolean()).isTrue();
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldAnswer503NamingTheCacheWhileTheHolderCacheIsFailingAndPublishNothing() throws Exception {
        // Given: the holder cache's last attempt failed (e.g. the gateway may not read the topic)
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        final TailHealth keys = new TailHealth("api-keys", "edupulse.gateway.api-keys", true, Instant.now(), false,
                null, 0, 0);
        final TailHealth holders = new TailHealth("entity-holders", "edupulse.entity.holders", false, null, true,
                "TopicAuthorizationException: Not authorized to access topics: [edupulse.entity.holders]", 3, 0);
        GatewayHandlers.mount(server, record -> {
            sent.add(record);
            return acked(record);
        }, presented -> Optional.of(KEY_RECORD), HolderLookup.NOBODY, () -> List.of(keys, holders),
                GatewayConfig.of("unused:9092", "http://unused"));
        server.start();
        final String base = "http://127.0.0.1:" + server.getAddress().getPort();

        // When
        final HttpResponse<String> response = post(base, TestEvents.training("DB-A", "S-1"));

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        final JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("not_ready");
        assertThat(body.get("message").asText()).contains("entity-holders").contains("Not authorized")
                .doesNotContain("api-keys");
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldRefuseOnlyTheEventsAboutWhatAnotherSchoolHolds() throws Exception {
        // Given: DB-B holds NV-9; nobody holds NV-1
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        GatewayHandlers.mount(server, record -> {
            sent.add(record);
            return acked(record);
        }, presented -> Optional.of(KEY_RECORD),
                (kind, id) -> kind == EntityKind.PERSON && id.equals("NV-9") ? Optional.of("DB-B") : Optional.empty(),
                List::of, GatewayConfig.of("unused:9092", "http://unused"));
        server.start();
        final String base = "http://127.0.0.1:" + server.getAddress().getPort();

        // When: school DB-A posts about both, the second with spaces around the id
        final HttpResponse<String> response = post(base, "staff", KEY, TestEvents.batch(
                TestEvents.staff("DB-A", "NV-1", "JOINED"), TestEvents.staff("DB-A", " NV-9 ", "TRANSFERRED")));

        // Then
        assertThat(response.statusCode()).isEqualTo(403);
        final JsonNode body = json(response);
        assertThat(body.get("errorCount").asInt()).isEqualTo(1);
        assertThat(body.at("/errors/0/index").asInt()).isEqualTo(1);
        assertThat(body.at("/errors/0/reason").asText()).contains("school DB-B").contains("RELEASED");
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldApplyAConfiguredBatchLimit() throws Exception {
        // Given
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        GatewayHandlers.mount(server, record -> {
            sent.add(record);
            return acked(record);
        }, presented -> Optional.of(KEY_RECORD), GatewayConfig.of("unused:9092", "http://unused").withMaxBatchEvents(2));
        server.start();
        final String base = "http://127.0.0.1:" + server.getAddress().getPort();

        // When
        final HttpResponse<String> response = post(base, TestEvents.trainingBatch("DB-A", "S", 3));
        final HttpResponse<String> openApi = client.send(HttpRequest.newBuilder(URI.create(base + OpenApiDocument.PATH))
                .build(), HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("maxBatchEvents").asInt()).isEqualTo(2);
        assertThat(json(openApi).at("/paths/~1api~1v1~1events~1training/post/requestBody/content/application~1json"
                + "/schema/oneOf/1/maxItems").asInt()).isEqualTo(2);
        assertThat(sent).isEmpty();
    }

    @Test
    void shouldUnmountItsRoutesOnClose() throws Exception {
        // Given
        final String base = start(EventsHandlerTest::acked, Duration.ofSeconds(5));
        final GatewayHandlers second;
        server.removeContext(EventsHandler.PREFIX);
        server.removeContext(OpenApiDocument.PATH);
        second = GatewayHandlers.mount(server, EventsHandlerTest::acked, k -> Optional.empty(),
                GatewayConfig.of("unused:9092", "http://unused"));

        // When
        second.close();

        // Then
        final HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + OpenApiDocument.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }
}
