package org.edupulse.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A client of the Confluent Schema Registry REST API ({@code application/vnd.schemaregistry.v1+json}).
 * It works the same against the embedded registry and Confluent's own. Several base URLs are tried
 * in turn, and a registry that cannot be reached is retried with back-off, so that a restarting
 * registry does not fail producers whose schemas are not cached yet.
 *
 * <p>It tells a definite answer from no answer: a 4xx answer (404 with error code 40403 for an
 * unknown schema id) is a {@link SchemaRegistryException} at once, never retried; connection
 * failures, timeouts, 5xx and 429 are retried and, when every retry fails, a
 * {@link SchemaRegistryUnavailableException}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Too many requests: the registry is there but asks to be called later. */
    private static final int TOO_MANY_REQUESTS = 429;

    private final List<URI> baseUrls;
    private final RegistryClientSettings settings;
    private final HttpClient http;

    public RestSchemaRegistryClient(final List<String> baseUrls) {
        this(baseUrls, RegistryClientSettings.DEFAULTS);
    }

    public RestSchemaRegistryClient(final List<String> baseUrls, final RegistryClientSettings settings) {
        this.baseUrls = baseUrls.stream().map(u -> URI.create(u.endsWith("/") ? u : u + "/")).toList();
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return send("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema)).path("id").asInt();
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        return send("POST", "subjects/" + encode(subject), schemaBody(schema)).path("id").asInt();
    }

    @Override
    public Schema schemaById(final int id) {
        return new Schema.Parser().parse(send("GET", "schemas/ids/" + id, null).path("schema").asText());
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final JsonNode node = send("GET", "subjects/" + encode(subject) + "/versions/latest", null);
        return new RegisteredSchema(node.path("subject").asText(subject), node.path("version").asInt(),
                node.path("id").asInt(), new Schema.Parser().parse(node.path("schema").asText()));
    }

    private static String schemaBody(final Schema schema) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(final String method, final String path, final String body) {
        Duration backoff = settings.retriesWait();
        IOException lastFailure = null;
        final int attempts = settings.maxRetries() + 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            for (final URI base : baseUrls) {
                try {
                    return exchange(base.resolve(path), method, body);
                } catch (final IOException e) {
                    lastFailure = e;
                }
            }
            if (attempt < attempts) {
                pause(backoff);
                final Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(settings.retriesMaxWait()) > 0 ? settings.retriesMaxWait() : doubled;
            }
        }
        throw new SchemaRegistryUnavailableException("Schema registry " + baseUrls + " unavailable for " + method
                + " /" + path + " after " + attempts + " attempt(s): " + lastFailure, lastFailure);
    }

    private JsonNode exchange(final URI uri, final String method, final String body) throws IOException {
        final HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.readTimeout())
                .header("Accept", CONTENT_TYPE)
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        final HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("Interrupted while calling the schema registry", e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == TOO_MANY_REQUESTS) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri + ": " + response.body());
        }
        final JsonNode node = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 300) {
            throw new SchemaRegistryException(response.statusCode(), node.path("error_code").asInt(response.statusCode()),
                    node.path("message").asText("no message") + " [" + method(uri, response) + "]");
        }
        return node;
    }

    private static String method(final URI uri, final HttpResponse<String> response) {
        return response.request().method() + " " + uri;
    }

    private static void pause(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("Interrupted while waiting to retry the schema registry", e);
        }
    }
}
