package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.edupulse.audit.Axis;
import org.edupulse.audit.LineageResult;
import org.edupulse.gateway.ApiKeyAuthentication;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import org.edupulse.tail.TailHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lineage endpoint lists source events and replays history per request: only for a department
 * key, checked before the one replay slot is taken; one at a time, and never longer than its timeout.
 */
class LineageHandlerTest {

    private static final String PATH = "/api/v1/lineage?unit=DB-MA&indicator=staff.active&asOf=2025-06-30";
    private static final String DEPARTMENT = "dept-key";
    private static final String SCHOOL = "school-key";
    private static final String REVOKED = "revoked-key";
    private static final Map<String, ApiKey> KEYS = Map.of(
            DEPARTMENT, key("ep_dept", "*", ApiKeyScope.DEPARTMENT, null),
            SCHOOL, key("ep_school", "DB-MA-SCH-001", ApiKeyScope.SCHOOL, null),
            REVOKED, key("ep_revoked", "*", ApiKeyScope.DEPARTMENT, Instant.parse("2025-06-01T00:00:00Z")));
    private static final TailHealth CAUGHT_UP = new TailHealth("api-keys", "edupulse.gateway.api-keys", true,
            Instant.now(), false, null, 0, 0);

    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger traces = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private static ApiKey key(final String keyId, final String schoolId, final ApiKeyScope scope, final Instant revokedAt) {
        return ApiKey.newBuilder().setKeyHash("hash-" + keyId).setKeyId(keyId).setSchoolId(schoolId)
                .setCreatedAt(Instant.parse("2025-01-01T00:00:00Z")).setRevokedAt(revokedAt).setScope(scope).build();
    }

    private static ApiKeyAuthentication keys() {
        return new ApiKeyAuthentication(presented -> Optional.ofNullable(KEYS.get(presented)), () -> CAUGHT_UP);
    }

    private URI start(final LineageHandler.Tracer tracer, final Duration timeout) throws Exception {
        return start(new LineageHandler((unit, indicator, asOf) -> {
            traces.incrementAndGet();
            return tracer.trace(unit, indicator, asOf);
        }, keys(), timeout));
    }

    private URI start(final HttpHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(LineageHandler.PATH, handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    private static LineageResult result() {
        return new LineageResult("DB-MA", "staff.active", Instant.parse("2025-06-30T16:59:59.999Z"),
                Axis.KNOWN_AT, "1.0.1", 0, null, 0.0, null, List.of(), List.of());
    }

    private LineageResult blockedTrace(final CountDownLatch started) {
        started.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return result();
    }

    private static HttpRequest get(final URI uri, final String key) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.build();
    }

    private HttpResponse<String> send(final URI uri, final String key) throws Exception {
        return client.send(get(uri, key), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void shouldAnswer401WithAChallengeAndNoReplayWithoutAKey() throws Exception {
        // Given
        final URI uri = start((unit, indicator, asOf) -> result(), Duration.ofSeconds(30));

        // When
        final HttpResponse<String> response = send(uri, null);

        // Then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(json(response).get("error").asText()).isEqualTo("unauthorized");
        assertThat(json(response).get("message").asText()).contains("missing Authorization header");
        assertThat(traces).hasValue(0);
    }

    @Test
    void shouldAnswer401ForAnUnknownOrRevokedKey() throws Exception {
        // Given
        final URI uri = start((unit, indicator, asOf) -> result(), Duration.ofSeconds(30));

        // When
        final HttpResponse<String> unknown = send(uri, "no-such-key");
        final HttpResponse<String> revoked = send(uri, REVOKED);

        // Then
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"edupulse\", error=\"invalid_token\"");
        assertThat(json(unknown).get("message").asText()).isEqualTo("unknown API key");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"edupulse\", error=\"invalid_token\"");
        assertThat(json(revoked).get("message").asText()).contains("ep_revoked").contains("revoked");
        assertThat(traces).hasValue(0);
    }

    @Test
    void shouldAnswer403ToASchoolKeySinceUnitsAreDistrictsAndProvinces() throws Exception {
        // Given a school of DB-MA asking for DB-MA
        final URI uri = start((unit, indicator, asOf) -> result(), Duration.ofSeconds(30));

        // When
        final HttpResponse<String> response = send(uri, SCHOOL);

        // Then
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("error").asText()).isEqualTo("forbidden");
        assertThat(json(response).get("message").asText()).contains("department key").contains("ep_school")
                .contains("DB-MA-SCH-001");
        assertThat(traces).hasValue(0);
    }

    @Test
    void shouldTraceForADepartmentKey() throws Exception {
        // Given
        final URI uri = start((unit, indicator, asOf) -> result(), Duration.ofSeconds(30));

        // When
        final HttpResponse<String> response = send(uri, DEPARTMENT);

        // Then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(response).get("unitId").asText()).isEqualTo("DB-MA");
        assertThat(traces).hasValue(1);
    }

    @Test
    void shouldRefuseUnauthenticatedRequestsBeforeTheSlotSoTheyNeitherTakeNorWaitForIt() throws Exception {
        // Given a service whose callers first send requests without a valid key
        final CountDownLatch started = new CountDownLatch(1);
        final URI uri = start((unit, indicator, asOf) -> blockedTrace(started), Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertThat(send(uri, i % 2 == 0 ? null : "no-such-key").statusCode()).isEqualTo(401);
        }

        // When a department key asks, Then the slot is free for it
        final CompletableFuture<HttpResponse<String>> first = client.sendAsync(get(uri, DEPARTMENT),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // And while it runs, a request without a key is still told 401, not 429
        assertThat(send(uri, null).statusCode()).isEqualTo(401);
        assertThat(send(uri, SCHOOL).statusCode()).isEqualTo(403);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(traces).hasValue(1);
    }

    @Test
    void shouldAnswer503WhileTheKeyCacheHasNotCaughtUp() throws Exception {
        // Given a key cache that has not read the key topic to its end: a revocation may be missing
        final TailHealth behind = new TailHealth("api-keys", "edupulse.gateway.api-keys", false, null, false, null, 0, 0);
        final URI uri = start(new LineageHandler((unit, indicator, asOf) -> result(),
                new ApiKeyAuthentication(presented -> Optional.ofNullable(KEYS.get(presented)), () -> behind),
                Duration.ofSeconds(30)));

        // When
        final HttpResponse<String> response = send(uri, DEPARTMENT);

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("error").asText()).isEqualTo("not_ready");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void shouldAnswer404PointingToTheCliWithoutTheGatewaysKeys() throws Exception {
        // Given the route of a pipeline run with --without-gateway
        final URI uri = start(LineageHandler.withoutKeys());

        // When even a well-formed request comes
        final HttpResponse<String> response = send(uri, DEPARTMENT);

        // Then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").asText()).contains("./edupulse lineage").contains("--without-gateway");
    }

    @Test
    void shouldRefuseASecondLineageWhileOneIsRunning() throws Exception {
        // Given a lineage that is still running
        final CountDownLatch started = new CountDownLatch(1);
        final URI uri = start((unit, indicator, asOf) -> blockedTrace(started), Duration.ofSeconds(30));
        final CompletableFuture<HttpResponse<String>> first = client.sendAsync(get(uri, DEPARTMENT),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // When a second request comes
        final HttpResponse<String> second = send(uri, DEPARTMENT);

        // Then it is refused with 429 and a Retry-After, and the first still completes
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(second.body()).contains("another lineage");
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503WhenALineageTakesLongerThanTheTimeout() throws Exception {
        // Given a lineage that takes longer than the handler's timeout
        final CountDownLatch started = new CountDownLatch(1);
        final URI uri = start((unit, indicator, asOf) -> blockedTrace(started), Duration.ofMillis(300));

        // When
        final HttpResponse<String> response = send(uri, DEPARTMENT);

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("./edupulse lineage");
    }

    @Test
    void shouldInterruptALineageThatTookLongerThanTheTimeoutAndFreeTheSlot() throws Exception {
        // Given a first lineage that waits until it is interrupted, and then quick ones
        final CountDownLatch interrupted = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final URI uri = start((unit, indicator, asOf) -> {
            if (calls.getAndIncrement() > 0) {
                return result();
            }
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                interrupted.countDown();
            }
            throw new IllegalStateException("Interrupted while replaying");
        }, Duration.ofMillis(300));

        // When the first one times out
        assertThat(send(uri, DEPARTMENT).statusCode()).isEqualTo(503);

        // Then it is interrupted, and the slot is free for the next request
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the timed-out lineage was interrupted").isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(send(uri, DEPARTMENT).statusCode()).isEqualTo(200));
    }
}
