package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A thin {@link HttpClient} wrapper speaking to one registry, as Confluent's client would. */
final class RegistryHttp {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    RegistryHttp(final String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(final String path) {
        return send("GET", path, null, null);
    }

    HttpResponse<String> post(final String path, final String body) {
        return send("POST", path, body, V1_JSON);
    }

    HttpResponse<String> put(final String path, final String body) {
        return send("PUT", path, body, V1_JSON);
    }

    HttpResponse<String> send(final String method, final String path, final String body, final String contentType) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers and returns the id, failing the test on anything but 200. */
    int register(final String subject, final String schema) {
        final HttpResponse<String> response = post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("id").asInt();
    }

    static String schemaBody(final String schema) {
        return write(Map.of("schema", schema));
    }

    static String write(final Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(final HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (final JsonProcessingException e) {
            throw new AssertionError("Response is not JSON: " + response.body(), e);
        }
    }
}
