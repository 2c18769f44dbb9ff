package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each stream holds a request thread: one client address may hold only a few. */
class SseHubTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final SseHub hub = new SseHub(100, Duration.ofMillis(100));
    private final List<HttpResponse<Stream<String>>> open = new ArrayList<>();
    private HttpServer server;
    private URI uri;

    @AfterEach
    void tearDown() {
        hub.close();
        open.forEach(response -> response.body().close());
        if (server != null) {
            server.stop(0);
        }
    }

    private HttpResponse<Stream<String>> connect() throws Exception {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/api/v1/stream", hub);
            server.start();
            uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/stream");
        }
        final HttpResponse<Stream<String>> response = client.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        open.add(response);
        return response;
    }

    @Test
    void shouldRefuseAFifthStreamFromOneAddressUntilOneCloses() throws Exception {
        // Given as many streams from one address as it may hold
        for (int i = 0; i < SseHub.MAX_STREAMS_PER_ADDRESS; i++) {
            assertThat(connect().statusCode()).isEqualTo(200);
        }

        // When it asks for one more
        final HttpResponse<Stream<String>> refused = connect();

        // Then it is refused with 429, and once a stream is closed a new one is served
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        open.get(0).body().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.clients() < SseHub.MAX_STREAMS_PER_ADDRESS);
        assertThat(connect().statusCode()).isEqualTo(200);
    }
}
