package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.edupulse.audit.Axis;
import org.edupulse.audit.LineageResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lineage endpoint replays history per request: one at a time, and never longer than its timeout. */
class LineageHandlerTest {

    private static final String PATH = "/api/v1/lineage?unit=DB-MA&indicator=staff.active&asOf=2025-06-30";

    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private URI start(final LineageHandler handler) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v1/lineage", handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    private LineageResult blockedTrace(final CountDownLatch started) {
        started.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new LineageResult("DB-MA", "staff.active", Instant.parse("2025-06-30T16:59:59.999Z"),
                Axis.KNOWN_AT, "1.0.1", 0, null, 0.0, null, List.of(), List.of());
    }

    @Test
    void shouldRefuseASecondLineageWhileOneIsRunning() throws Exception {
        // Given a lineage that is still running
        final CountDownLatch started = new CountDownLatch(1);
        final URI uri = start(new LineageHandler((unit, indicator, asOf) -> blockedTrace(started), Duration.ofSeconds(30)));
        final CompletableFuture<HttpResponse<String>> first = client.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // When a second request comes
        final HttpResponse<String> second = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

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
        final URI uri = start(new LineageHandler((unit, indicator, asOf) -> blockedTrace(started), Duration.ofMillis(300)));

        // When
        final HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());

        // Then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("./edupulse lineage");
    }
}
