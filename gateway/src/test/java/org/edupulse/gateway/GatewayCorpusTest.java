package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad requests to {@code POST /api/v1/events/{type}}, one kind of mistake each
 * (HTTP method, path, credentials, media type and charset, encodings, body size and batch size,
 * JSON shape and nesting, field types, ranges and sizes), sent to the gateway's handler on a real
 * HTTP server with a recording stub in place of Kafka. Each must get its own status, error code,
 * field and a reason naming the problem, and nothing of a refused request may be published: a
 * school system's developer fixes the request from the answer alone, and a refusal never leaves
 * half a batch behind.
 */
class GatewayCorpusTest {

    private static final String KEY = "ep_0123456789ab_" + "s".repeat(43);
    private static final String UNKNOWN_KEY = "ep_ffffffffffff_" + "u".repeat(43);
    private static final ApiKey KEY_RECORD = ApiKey.newBuilder()
            .setKeyHash(ApiKeyFormat.sha256Hex(KEY)).setKeyId("0123456789ab").setSchoolId("DB-A")
            .setScope(ApiKeyScope.SCHOOL).setCreatedAt(Instant.parse("2025-01-01T00:00:00Z")).build();
    private static final String JSON = "application/json";

    private static final List<SpecificRecord> SENT = new CopyOnWriteArrayList<>();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static HttpServer server;
    private static String base;

    /** One request and the answer it must get; {@code field} is null when the answer names no event field. */
    record Case(String method, String type, Map<String, String> headers, byte[] body,
                int status, String error, String field, String reasonPart, int published) {
    }

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        GatewayHandlers.mount(server, record -> {
            SENT.add(record);
            return CompletableFuture.completedFuture(new RecordMetadata(new TopicPartition("t", 0), 0, 0, 0, 0, 0));
        }, presented -> Optional.ofNullable(Map.of(KEY, KEY_RECORD).get(presented)),
                GatewayConfig.of("unused:9092", "http://unused"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void forgetSent() {
        SENT.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldAnswerEachBadRequestWithItsOwnErrorAndPublishNothing(final Case request) throws Exception {
        // Given
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + EventsHandler.PREFIX + request.type()))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);

        // When
        final HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(request.status());
        final JsonNode answer = JsonResponses.JSON.readTree(response.body());
        assertThat(answer.path("error").asText()).as(response.body()).isEqualTo(request.error());
        if (request.field() == null) {
            assertThat(answer.path("message").asText()).as(response.body()).contains(request.reasonPart());
        } else {
            assertThat(answer.at("/errors/0/field").asText()).as(response.body()).isEqualTo(request.field());
            assertThat(answer.at("/errors/0/reason").asText()).as(response.body()).contains(request.reasonPart());
        }
        assertThat(SENT).as("published records").hasSize(request.published());
    }

    static Stream<Named<Case>> corpus() {
        final List<Named<Case>> cases = new ArrayList<>();
        http(cases);
        bodies(cases);
        events(cases);
        return cases.stream();
    }

    private static void http(final List<Named<Case>> cases) {
        final byte[] valid = utf8(TestEvents.training("DB-A", "S-1").toString());
        cases.add(refused("GET instead of POST", "GET", "training", headers(bearer(KEY), JSON), null,
                405, "method_not_allowed", "use POST"));
        cases.add(refused("PUT instead of POST", "PUT", "training", headers(bearer(KEY), JSON), valid,
                405, "method_not_allowed", "use POST"));
        cases.add(refused("an unknown type in the path", "POST", "trainings", headers(bearer(KEY), JSON), valid,
                404, "not_found", "unknown event type 'trainings'; known types: training"));
        cases.add(refused("a path below a type", "POST", "training/extra", headers(bearer(KEY), JSON), valid,
                404, "not_found", "unknown event type 'training/extra'"));
        cases.add(refused("no Authorization header", "POST", "training", headers(null, JSON), valid,
                401, "unauthorized", "missing Authorization header"));
        cases.add(refused("Basic instead of Bearer", "POST", "training", headers("Basic dXNlcjpwYXNz", JSON), valid,
                401, "unauthorized", "malformed Authorization header"));
        cases.add(refused("a garbled bearer token", "POST", "training", headers("Bearer ke\"y;", JSON), valid,
                401, "unauthorized", "malformed Authorization header"));
        cases.add(refused("an unknown key", "POST", "training", headers(bearer(UNKNOWN_KEY), JSON), valid,
                401, "unauthorized", "unknown API key"));
        cases.add(refused("a CSV media type", "POST", "training", headers(bearer(KEY), "text/csv"), valid,
                415, "unsupported_media_type", "'text/csv' is not accepted"));
        cases.add(refused("curl's default form media type", "POST", "training",
                headers(bearer(KEY), "application/x-www-form-urlencoded"), valid,
                415, "unsupported_media_type", "send application/json in UTF-8"));
        cases.add(refused("a charset other than UTF-8", "POST", "training", headers(bearer(KEY), "application/json; charset=iso-8859-1"),
                valid, 415, "unsupported_media_type", "charset=iso-8859-1"));
    }

    private static void bodies(final List<Named<Case>> cases) {
        final ObjectNode event = TestEvents.training("DB-A", "S-1");
        cases.add(refused("an empty body", "POST", "training", headers(bearer(KEY), JSON), new byte[0],
                400, "malformed_json", "empty body"));
        cases.add(refused("a body of whitespace", "POST", "training", headers(bearer(KEY), JSON), utf8(" \r\n\t "),
                400, "malformed_json", "empty body"));
        cases.add(refused("a top-level number", "POST", "training", headers(bearer(KEY), JSON), utf8("42"),
                400, "malformed_json", "found NUMBER"));
        cases.add(refused("a top-level string", "POST", "training", headers(bearer(KEY), JSON), utf8("\"S-1\""),
                400, "malformed_json", "found STRING"));
        cases.add(refused("a top-level null", "POST", "training", headers(bearer(KEY), JSON), utf8("null"),
                400, "malformed_json", "found NULL"));
        cases.add(refused("an array holding a scalar", "POST", "training", headers(bearer(KEY), JSON),
                utf8("[" + event + ",7]"), 400, "malformed_json", "element 1 of the array is NUMBER"));
        cases.add(refused("a duplicate key", "POST", "training", headers(bearer(KEY), JSON),
                utf8(event.toString().replace("}", ",\"hours\":3}")), 400, "malformed_json", "Duplicate field 'hours'"));
        cases.add(refused("content after the object", "POST", "training", headers(bearer(KEY), JSON),
                utf8(event + " " + event), 400, "malformed_json", "Trailing token"));
        cases.add(refused("a NaN literal", "POST", "training", headers(bearer(KEY), JSON),
                utf8(event.toString().replace("2.5", "NaN")), 400, "malformed_json", "NaN"));
        cases.add(refused("an Infinity literal", "POST", "training", headers(bearer(KEY), JSON),
                utf8(event.toString().replace("2.5", "-Infinity")), 400, "malformed_json", "Infinity"));
        cases.add(refused("JSON nested 10,000 deep", "POST", "training", headers(bearer(KEY), JSON),
                utf8("[".repeat(10_000) + "]".repeat(10_000)), 400, "malformed_json", "nesting depth"));
        cases.add(refused("an object cut short", "POST", "training", headers(bearer(KEY), JSON),
                utf8("{\"schoolId\":\"DB-A\","), 400, "malformed_json", "malformed JSON at line 1"));
        cases.add(refused("Latin-1 bytes in the body", "POST", "training", headers(bearer(KEY), JSON),
                latin1(event.put("sessionId", "S-Tr\u00ECnh").toString()), 400, "malformed_json", "UTF-8"));
        cases.add(refused("a UTF-16 body with a byte order mark", "POST", "training", headers(bearer(KEY), JSON),
                bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, TestEvents.training("DB-A", "S-1").toString()
                        .getBytes(StandardCharsets.UTF_16LE)), 415, "unsupported_media_type", "UTF-16"));
        cases.add(accepted("a UTF-8 byte order mark before the JSON is accepted", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB,
                (byte) 0xBF}, utf8(TestEvents.training("DB-A", "S-1").toString())), 1));
        cases.add(accepted("CRLF and tabs between tokens are accepted",
                utf8("[\r\n\t" + TestEvents.training("DB-A", "S-1") + ",\r\n\t" + TestEvents.training("DB-A", "S-2") + "\r\n]\r\n"),
                2));
        cases.add(refused("a 2 MB body", "POST", "training", headers(bearer(KEY), JSON),
                utf8(TestEvents.training("DB-A", "x".repeat(2 * 1024 * 1024)).toString()),
                413, "payload_too_large", "larger than 1048576 bytes"));
        cases.add(refused("1,001 events", "POST", "training", headers(bearer(KEY), JSON),
                utf8(TestEvents.trainingBatch("DB-A", "S", 1_001).toString()), 413, "too_many_events", "1001 events"));
    }

    private static void events(final List<Named<Case>> cases) {
        cases.add(invalid("an object where a string is expected", TestEvents.training("DB-A", "S-1")
                .set("sessionId", TestEvents.training("DB-A", "S-1")), "sessionId", "not an OBJECT"));
        cases.add(invalid("an array where a string is expected", with(TestEvents.training("DB-A", "S-1"), "topic",
                "[\"BASIC_IT\"]"), "topic", "must be a single value, not a list"));
        cases.add(invalid("objects inside a list", with(TestEvents.training("DB-A", "S-1"), "staffIds",
                "[{\"id\":\"NV-1\"}]"), "staffIds", "array entries must be strings, found OBJECT"));
        cases.add(invalid("text in a whole number", TestEvents.training("DB-A", "S-1").put("participantCount", "twelve"),
                "participantCount", "not a whole number: 'twelve'"));
        cases.add(invalid("a decimal in a whole number", TestEvents.training("DB-A", "S-1").put("participantCount", 12.5),
                "participantCount", "not a whole number: '12.5'"));
        cases.add(invalid("a boolean in a number", TestEvents.training("DB-A", "S-1").put("hours", true),
                "hours", "not a number: 'true'"));
        cases.add(invalid("a bad enum symbol", TestEvents.training("DB-A", "S-1").put("audience", "TEACHERS"),
                "audience", "unknown symbol 'TEACHERS'"));
        cases.add(invalid("a timestamp as epoch milliseconds", TestEvents.training("DB-A", "S-1")
                .put("occurredAt", 1_743_555_600_000L), "occurredAt", "not an ISO-8601 instant with offset"));
        cases.add(invalid("a local time without offset", TestEvents.training("DB-A", "S-1")
                .put("occurredAt", "2025-04-02T08:00:00"), "occurredAt", "not an ISO-8601 instant with offset"));
        cases.add(invalid("a negative count", TestEvents.training("DB-A", "S-1").put("participantCount", -3),
                "participantCount", "must be zero or more: -3"));
        cases.add(invalid("a session of 0 hours", TestEvents.training("DB-A", "S-1").put("hours", 0),
                "hours", "must be greater than 0"));
        cases.add(invalid("occurredAt in the future", TestEvents.training("DB-A", "S-1")
                .put("occurredAt", "2099-01-01T00:00:00Z"), "occurredAt", "is in the future"));
        cases.add(invalid("occurredAt before 2000", TestEvents.training("DB-A", "S-1")
                .put("occurredAt", "1999-12-31T23:59:59Z"), "occurredAt", "is before 2000-01-01"));
        cases.add(invalid("a 600 KB id", TestEvents.training("DB-A", "N".repeat(600 * 1024)),
                "sessionId", "must be at most 100 characters, found 614400"));
        final ObjectNode crowded = TestEvents.training("DB-A", "S-1");
        final ArrayNode staffIds = crowded.putArray("staffIds");
        for (int i = 0; i < 1_001; i++) {
            staffIds.add("NV-" + i);
        }
        cases.add(invalid("1,001 staffIds", crowded, "staffIds", "must have at most 1000 entries, found 1001"));
        cases.add(invalid("an unknown field", TestEvents.training("DB-A", "S-1").put("room", "A1"),
                "room", "unknown field 'room' for training"));
        cases.add(invalid("a field name in the wrong case", rename(TestEvents.training("DB-A", "S-1"), "hours", "Hours"),
                "Hours", "did you mean 'hours'"));
        cases.add(invalid("null for a required field", TestEvents.training("DB-A", "S-1").putNull("topic"),
                "topic", "missing required field"));
        cases.add(Named.of("one bad event makes the whole batch fail", new Case("POST", "training", headers(bearer(KEY), JSON),
                utf8(TestEvents.batch(TestEvents.training("DB-A", "S-1"), TestEvents.training("DB-A", "S-2").put("hours", -1))
                        .toString()), 422, "invalid_events", "hours", "must be greater than 0", 0)));
    }

    private static Named<Case> refused(final String name, final String method, final String type,
                                       final Map<String, String> headers, final byte[] body,
                                       final int status, final String error, final String reasonPart) {
        return Named.of(name, new Case(method, type, headers, body, status, error, null, reasonPart, 0));
    }

    private static Named<Case> invalid(final String name, final JsonNode event, final String field, final String reasonPart) {
        return Named.of(name, new Case("POST", "training", headers(bearer(KEY), JSON), utf8(event.toString()),
                422, "invalid_events", field, reasonPart, 0));
    }

    private static Named<Case> accepted(final String name, final byte[] body, final int published) {
        return Named.of(name, new Case("POST", "training", headers(bearer(KEY), JSON), body, 202, "", null, "", published));
    }

    private static ObjectNode with(final ObjectNode event, final String field, final String json) {
        try {
            event.set(field, JsonResponses.JSON.readTree(json));
            return event;
        } catch (final IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static ObjectNode rename(final ObjectNode event, final String from, final String to) {
        event.set(to, event.remove(from));
        return event;
    }

    private static String bearer(final String key) {
        return "Bearer " + key;
    }

    /** The request headers; no Authorization header when {@code authorization} is null. */
    private static Map<String, String> headers(final String authorization, final String contentType) {
        final Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        headers.put("Content-Type", contentType);
        return headers;
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(final byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
