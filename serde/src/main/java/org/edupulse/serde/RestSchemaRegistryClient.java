package org.edupulse.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * {@link SchemaRegistryUnavailableException}. A registry that refuses the client (401, 403) is a
 * {@link SchemaRegistryAuthenticationException} at once: the same credentials would be refused again.
 *
 * <p>Requests carry HTTP Basic credentials as {@link RegistryCredentials} chooses them. The user
 * info of a URL is taken off before it is used: requests, logs and error messages show the URL
 * without it.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Too many requests: the registry is there but asks to be called later. */
    private static final int TOO_MANY_REQUESTS = 429;

    private static final int UNAUTHORIZED = 401;
    private static final int FORBIDDEN = 403;

    /** A registry URL without its user info, and the {@code Authorization} header for it, if any. */
    private record Endpoint(URI base, Optional<String> authorization) {
    }

    private final List<Endpoint> endpoints;
    private final RegistryClientSettings settings;
    private final RegistryCredentials credentials;
    private final HttpClient http;

    public RestSchemaRegistryClient(final List<String> baseUrls) {
        this(baseUrls, RegistryClientSettings.DEFAULTS);
    }

    public RestSchemaRegistryClient(final List<String> baseUrls, final RegistryClientSettings settings) {
        this(baseUrls, settings, RegistryCredentials.FROM_URL);
    }

    public RestSchemaRegistryClient(final List<String> baseUrls, final RegistryClientSettings settings,
                                    final RegistryCredentials credentials) {
        this.credentials = credentials;
        this.endpoints = baseUrls.stream().map(this::endpoint).toList();
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    private Endpoint endpoint(final String url) {
        final URI configured;
        try {
            configured = new URI(url.trim());
        } catch (final URISyntaxException e) {
            // The URI's own message quotes the whole URL, user info included.
            throw new IllegalArgumentException("Configuration \"" + SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG
                    + "\" holds a URL that is not valid at index " + e.getIndex() + " (" + e.getReason()
                    + "; the URL is not shown, as it may hold a password): characters such as @ : / in the user"
                    + " info are written percent-encoded (%40 %3A %2F)");
        }
        if (configured.getHost() == null || configured.getScheme() == null) {
            throw new IllegalArgumentException("Configuration \"" + SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG
                    + "\" holds a URL without scheme or host, " + RegistryCredentials.redact(url) + ": expected"
                    + " http(s)://host:port, with any @ in the user info written %40");
        }
        final String shown = RegistryCredentials.withoutUserInfo(url.trim());
        return new Endpoint(URI.create(shown.endsWith("/") ? shown : shown + "/"), credentials.authorization(configured));
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
            for (final Endpoint endpoint : endpoints) {
                try {
                    return exchange(endpoint.base().resolve(path), endpoint.authorization(), method, body);
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
        throw new SchemaRegistryUnavailableException("Schema registry " + endpoints.stream().map(Endpoint::base).toList()
                + " unavailable for " + method
                + " /" + path + " after " + attempts + " attempt(s): " + lastFailure, lastFailure);
    }

    private JsonNode exchange(final URI uri, final Optional<String> authorization, final String method, final String body)
            throws IOException {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.readTimeout())
                .header("Accept", CONTENT_TYPE)
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        final HttpRequest request = builder.build();
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
        if (response.statusCode() == UNAUTHORIZED || response.statusCode() == FORBIDDEN) {
            throw refused(response, authorization.isPresent());
        }
        final JsonNode node = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() >= 300) {
            throw new SchemaRegistryException(response.statusCode(), node.path("error_code").asInt(response.statusCode()),
                    node.path("message").asText("no message") + " [" + method(uri, response) + "]");
        }
        return node;
    }

    /** A 401 or 403, with the setting to check; the registry's own message is kept, its body may be anything else. */
    private SchemaRegistryAuthenticationException refused(final HttpResponse<String> response, final boolean sentCredentials) {
        final int status = response.statusCode();
        final JsonNode node = errorBody(response.body());
        final String what;
        if (status == FORBIDDEN) {
            what = "does not permit this client's user to do this: grant it access on the registry, or give another"
                    + " user in " + credentials.whereToLook();
        } else if (sentCredentials) {
            what = "refused this client's credentials: check the user and password in " + credentials.whereToLook();
        } else {
            what = "requires authentication and this client sent no credentials: set " + RegistryCredentials
                    .BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO and " + RegistryCredentials.BASIC_AUTH_USER_INFO
                    + "=USER:PASSWORD, or put them in " + SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG
                    + " (http://USER:PASSWORD@host:port)";
        }
        final String registrySays = node.path("message").asText("");
        return new SchemaRegistryAuthenticationException(status, node.path("error_code").asInt(status),
                "The schema registry " + what + (registrySays.isEmpty() ? "" : "; it says: " + registrySays)
                        + " [" + method(response.uri(), response) + "]");
    }

    private static JsonNode errorBody(final String body) {
        try {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (final IOException e) {
            return JSON.createObjectNode();
        }
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
