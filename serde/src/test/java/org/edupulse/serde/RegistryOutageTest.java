package org.edupulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client tells a definite answer (404 with error code 40403) from no answer (5xx, a
 * closed port), against the JDK HTTP server acting as a registry.
 */
class RegistryOutageTest {

    /** One attempt, one retry, short back-off: enough to see retries without slowing the build. */
    private static final RegistryClientSettings QUICK = new RegistryClientSettings(1, Duration.ofMillis(10),
            Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(60), 100);

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String registryAnswering(final int status, final String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static String notFound(final int id) {
        return "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}";
    }

    @Test
    void shouldReportAnUnknownSchemaIdAsADefiniteAnswerWithoutRetrying() throws IOException {
        // Given a registry that answers 404 with Confluent's error code 40403
        final String url = registryAnswering(404, notFound(7));
        final RestSchemaRegistryClient client = new RestSchemaRegistryClient(List.of(url), QUICK);

        // When / Then the client says the schema is not found, asking once
        assertThatThrownBy(() -> client.schemaById(7))
                .isExactlyInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> {
                    final SchemaRegistryException answer = (SchemaRegistryException) e;
                    assertThat(answer.schemaNotFound()).isTrue();
                    assertThat(answer.status()).isEqualTo(404);
                    assertThat(answer.errorCode()).isEqualTo(40403);
                });
        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldReportA500AsAnOutageAfterRetrying() throws IOException {
        // Given a registry whose backend fails
        final String url = registryAnswering(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
        final RestSchemaRegistryClient client = new RestSchemaRegistryClient(List.of(url), QUICK);

        // When / Then the client reports an outage, after max.retries=1 retry
        assertThatThrownBy(() -> client.schemaById(7))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(requests).hasValue(2);
    }

    @Test
    void shouldReportA429AsAnOutage() throws IOException {
        // Given a registry that asks to be called later
        final String url = registryAnswering(429, "{\"error_code\":429,\"message\":\"Rate limit exceeded\"}");

        // When / Then the client reports an outage, not an answer about the schema
        assertThatThrownBy(() -> new RestSchemaRegistryClient(List.of(url), QUICK).schemaById(7))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
    }

    @Test
    void shouldReportAClosedPortAsAnOutage() throws IOException {
        // Given no registry listening
        final String url = closedPort();

        // When / Then
        assertThatThrownBy(() -> new RestSchemaRegistryClient(List.of(url), QUICK).schemaById(7))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("unavailable");
    }

    @Test
    void shouldRememberAnUnknownIdForTheTtlOnly() throws IOException {
        // Given a cached client in front of a registry that does not know id 7, on a clock the test moves
        final String url = registryAnswering(404, notFound(7));
        final AtomicLong nanos = new AtomicLong();
        final CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(
                new RestSchemaRegistryClient(List.of(url), QUICK), QUICK, nanos::get);

        // When the id is asked for twice within missing.id.cache.ttl.sec, then once after it
        assertThatThrownBy(() -> client.schemaById(7)).isInstanceOf(SchemaRegistryException.class);
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThatThrownBy(() -> client.schemaById(7))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("40403");
        final int withinTtl = requests.get();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThatThrownBy(() -> client.schemaById(7)).isInstanceOf(SchemaRegistryException.class);

        // Then the registry was asked once within the TTL and again after it
        assertThat(withinTtl).isEqualTo(1);
        assertThat(requests).hasValue(2);
    }

    @Test
    void shouldNeverRememberAnOutage() throws IOException {
        // Given a cached client in front of a failing registry
        final String url = registryAnswering(503, "");
        final CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(
                new RestSchemaRegistryClient(List.of(url), QUICK), QUICK, System::nanoTime);

        // When the id is asked for twice
        assertThatThrownBy(() -> client.schemaById(7)).isInstanceOf(SchemaRegistryUnavailableException.class);
        assertThatThrownBy(() -> client.schemaById(7)).isInstanceOf(SchemaRegistryUnavailableException.class);

        // Then each lookup asked the registry (two attempts each)
        assertThat(requests).hasValue(4);
    }

    @Test
    void shouldTellTheDeserializerAnUnknownIdFromAnUnreachableRegistry() throws IOException {
        // Given a record naming schema id 7, and deserializers configured with Confluent's key names
        final byte[] record = ByteBuffer.allocate(6).put((byte) 0).putInt(7).put((byte) 0).array();
        final Map<String, Object> quick = Map.of(RegistryClientSettings.MAX_RETRIES, "0",
                RegistryClientSettings.HTTP_CONNECT_TIMEOUT_MS, "2000", RegistryClientSettings.HTTP_READ_TIMEOUT_MS, "2000");
        final AvroDeserializer down = new AvroDeserializer();
        down.configure(with(quick, closedPort()), false);
        final AvroDeserializer answering = new AvroDeserializer();
        answering.configure(with(quick, registryAnswering(404, notFound(7))), false);

        // When / Then an unreachable registry is an outage, and an unknown id is a bad record
        assertThatThrownBy(() -> down.deserialize("t", record)).isInstanceOf(SchemaRegistryUnavailableException.class);
        assertThatThrownBy(() -> answering.deserialize("t", record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 7");
    }

    @Test
    void shouldTellReadersWhichFailuresAreNotTheRecordsFault() throws IOException {
        // Given a record naming schema id 7, a registry that is down and one that does not know the id
        final byte[] record = ByteBuffer.allocate(6).put((byte) 0).putInt(7).put((byte) 0).array();
        final Map<String, Object> quick = Map.of(RegistryClientSettings.MAX_RETRIES, "0",
                RegistryClientSettings.HTTP_CONNECT_TIMEOUT_MS, "2000", RegistryClientSettings.HTTP_READ_TIMEOUT_MS, "2000");
        final AvroDeserializer down = new AvroDeserializer();
        down.configure(with(quick, closedPort()), false);
        final AvroDeserializer answering = new AvroDeserializer();
        answering.configure(with(quick, registryAnswering(404, notFound(7))), false);

        // When
        final Throwable outage = catchThrowable(() -> down.deserialize("t", record));
        final Throwable unknownId = catchThrowable(() -> answering.deserialize("t", record));
        final Throwable notWireFormat = catchThrowable(() -> answering.deserialize("t", new byte[] {'{', '}'}));

        // Then: an outage or a refusal is to be waited out, also as the cause Kafka's consumer wraps it in
        assertThat(SchemaRegistryException.isNotAboutTheRecord(outage)).isTrue();
        assertThat(SchemaRegistryException.isNotAboutTheRecord(new RecordDeserializationException(
                new TopicPartition("t", 0), 3, "Error deserializing VALUE", outage))).isTrue();
        assertThat(SchemaRegistryException.isNotAboutTheRecord(
                new SchemaRegistryAuthenticationException(401, 401, "check basic.auth.user.info"))).isTrue();
        // and a bad record is bad for good
        assertThat(SchemaRegistryException.isNotAboutTheRecord(unknownId)).isFalse();
        assertThat(SchemaRegistryException.isNotAboutTheRecord(notWireFormat)).isFalse();
        assertThat(SchemaRegistryException.isNotAboutTheRecord(null)).isFalse();
    }

    private static Map<String, Object> with(final Map<String, Object> settings, final String url) {
        final Map<String, Object> configs = new HashMap<>(settings);
        configs.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url);
        return configs;
    }
}
