package org.edupulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client authenticates with HTTP Basic under Confluent's keys, against the JDK HTTP
 * server acting as a registry that requires it ({@link BasicAuthenticator}, answering the REST
 * calls from an in-memory registry). A refusal names the setting to check, is not retried, is not
 * an unknown schema, and no message carries the user or the password.
 */
class RegistryAuthenticationTest {

    private static final String USER = "sr-user";
    private static final String PASSWORD = "p@ss:w0rd/secret";
    private static final Schema SCHEMA = SchemaBuilder.record("Ping").namespace("org.edupulse.test")
            .fields().requiredString("id").endRecord();
    private static final Map<String, Object> NO_RETRIES = Map.of(RegistryClientSettings.MAX_RETRIES, "0");

    private final AtomicInteger requests = new AtomicInteger();
    private final String scope = "auth-" + UUID.randomUUID();
    private HttpServer server;
    private String hostPort;

    @BeforeEach
    void start() throws IOException {
        final MockSchemaRegistry backing = MockSchemaRegistry.scope(scope);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            if ("guest".equals(exchange.getPrincipal().getUsername())) {
                send(exchange, 403, "{\"error_code\":40301,\"message\":\"User cannot access the resource.\"}");
            } else {
                answer(exchange, backing);
            }
        }).setAuthenticator(new BasicAuthenticator("registry") {
            @Override
            public boolean checkCredentials(final String user, final String password) {
                requests.incrementAndGet();
                return USER.equals(user) && PASSWORD.equals(password) || "guest".equals(user) && "guest".equals(password);
            }

            @Override
            public Result authenticate(final HttpExchange exchange) {
                if (!exchange.getRequestHeaders().containsKey("Authorization")) {
                    requests.incrementAndGet();
                }
                return super.authenticate(exchange);
            }
        });
        server.start();
        hostPort = "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        MockSchemaRegistry.drop(scope);
    }

    @Test
    void shouldWriteAndReadThroughARegistryRequiringBasicAuthWithUserInfo() {
        // Given serdes configured as for Confluent's: USER_INFO and basic.auth.user.info
        final Map<String, Object> configs = configs("http://" + hostPort, Map.of(
                RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryCredentials.BASIC_AUTH_USER_INFO, USER + ":" + PASSWORD));

        // When a record is written (registering its schema) and read back (fetching it by id)
        final GenericRecord read = roundTrip(configs);

        // Then both calls got through the authentication
        assertThat(read.get("id")).hasToString("a-1");
    }

    @Test
    void shouldTakeTheCredentialsFromTheUrlByDefaultPercentDecoded() {
        // Given the user info in schema.registry.url, its @ : / percent-encoded, and no source set (Confluent's default: URL)
        final Map<String, Object> configs = configs("http://" + USER + ":p%40ss%3Aw0rd%2Fsecret@" + hostPort, Map.of());

        // When / Then
        assertThat(roundTrip(configs).get("id")).hasToString("a-1");
    }

    @Test
    void shouldInheritTheCredentialsOfTheKafkaClientsSaslJaasConfig() {
        // Given SASL_INHERIT and the SCRAM login of the Kafka client
        final Map<String, Object> configs = configs("http://" + hostPort, Map.of(
                RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + PASSWORD + "\";"));

        // When / Then
        assertThat(roundTrip(configs).get("id")).hasToString("a-1");
    }

    @Test
    void shouldReportMissingCredentialsOnceNamingTheSettingsWithoutRetrying() {
        // Given a client that sends no credentials, with retries allowed
        final RestSchemaRegistryClient client = new RestSchemaRegistryClient(List.of("http://" + hostPort),
                RegistryClientSettings.from(Map.of(RegistryClientSettings.MAX_RETRIES, "3")));

        // When / Then a 401 is a refusal (not an outage, not an unknown schema), asked for once
        assertThatThrownBy(() -> client.register("ping-value", SCHEMA))
                .isExactlyInstanceOf(SchemaRegistryAuthenticationException.class)
                .hasMessageContaining("sent no credentials")
                .hasMessageContaining("basic.auth.user.info")
                .hasMessageContaining("HTTP 401")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).schemaNotFound()).isFalse());
        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldReportWrongCredentialsNamingTheSettingAndNeverTheSecret() {
        // Given a serializer and a deserializer with a wrong password in basic.auth.user.info
        final Map<String, Object> configs = configs("http://" + hostPort, Map.of(
                RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryCredentials.BASIC_AUTH_USER_INFO, USER + ":not-" + PASSWORD));
        final AvroSerializer serializer = new AvroSerializer();
        serializer.configure(configs, false);
        final AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(configs, false);
        final byte[] someRecord = {0, 0, 0, 0, 1, 6, 'a', '-', '1'};

        // When / Then writing fails naming the setting, and reading is refused rather than told of an unknown id
        assertThatThrownBy(() -> serializer.serialize("ping", ping()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("refused this client's credentials")
                .hasMessageContaining("\"basic.auth.user.info\" (basic.auth.credentials.source=USER_INFO)")
                .satisfies(RegistryAuthenticationTest::showsNoSecret);
        assertThatThrownBy(() -> deserializer.deserialize("ping", someRecord))
                .isExactlyInstanceOf(SchemaRegistryAuthenticationException.class)
                .hasMessageNotContaining("Unknown schema id")
                .satisfies(RegistryAuthenticationTest::showsNoSecret);
    }

    @Test
    void shouldNameTheUrlsUserInfoWhenItsCredentialsAreRefused() {
        // Given wrong credentials in the URL
        final RestSchemaRegistryClient client = new RestSchemaRegistryClient(
                List.of("http://" + USER + ":wrong-" + PASSWORD.replace("@", "%40").replace("/", "%2F") + "@" + hostPort),
                RegistryClientSettings.DEFAULTS, RegistryCredentials.FROM_URL);

        // When / Then the message points at the URL's user info and shows the URL without it
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryAuthenticationException.class)
                .hasMessageContaining("the user info of \"schema.registry.url\"")
                .hasMessageContaining("GET http://" + hostPort + "/schemas/ids/1")
                .satisfies(RegistryAuthenticationTest::showsNoSecret);
    }

    @Test
    void shouldReportAForbiddenUserAsARefusal() {
        // Given credentials the registry accepts for a user it does not let read
        final RestSchemaRegistryClient client = new RestSchemaRegistryClient(List.of("http://" + hostPort),
                RegistryClientSettings.DEFAULTS, RegistryCredentials.userInfo("guest:guest"));

        // When / Then
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryAuthenticationException.class)
                .hasMessageContaining("does not permit")
                .hasMessageContaining("HTTP 403, error code 40301")
                .hasMessageNotContaining("guest");
    }

    @Test
    void shouldNotShowTheUrlsUserInfoWhenTheRegistryIsUnreachable() throws IOException {
        // Given a URL with credentials and no registry listening
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        final RestSchemaRegistryClient client = new RestSchemaRegistryClient(
                List.of("http://" + USER + ":secret@127.0.0.1:" + port), RegistryClientSettings.from(NO_RETRIES));

        // When / Then the outage names the URL without its user info
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("http://127.0.0.1:" + port)
                .hasMessageNotContaining(USER)
                .hasMessageNotContaining("secret");
    }

    @Test
    void shouldRefuseBadSettingsNamingTheKeyButNeverTheSecret() {
        // When / Then an unknown source names the key and the value
        assertThatThrownBy(() -> RegistryCredentials.from(Map.of(RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "TOKEN")))
                .hasMessageContaining("\"basic.auth.credentials.source\" has unknown value \"TOKEN\"")
                .hasMessageContaining("USER_INFO");
        // USER_INFO without basic.auth.user.info names both
        assertThatThrownBy(() -> RegistryCredentials.from(Map.of(RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .hasMessageContaining("\"basic.auth.user.info\" is not set");
        // a user info without user:password form does not show the value
        assertThatThrownBy(() -> RegistryCredentials.from(Map.of(RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "user_info",
                RegistryCredentials.BASIC_AUTH_USER_INFO, "only-a-secret")))
                .hasMessageContaining("\"basic.auth.user.info\" must be USER:PASSWORD")
                .hasMessageNotContaining("only-a-secret");
        // SASL_INHERIT from a login module without user and password, or from an unreadable one
        assertThatThrownBy(() -> RegistryCredentials.from(Map.of(RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT",
                "sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;")))
                .hasMessageContaining("no username and password options");
        assertThatThrownBy(() -> RegistryCredentials.from(Map.of(RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT",
                "sasl.jaas.config", "Broken required password=\"hunter2\"")))
                .hasMessageContaining("\"sasl.jaas.config\" could not be read")
                .hasMessageNotContaining("hunter2");
        // a URL that cannot be parsed is not quoted back
        assertThatThrownBy(() -> new RestSchemaRegistryClient(List.of("http://user:pa ss@" + hostPort)))
                .hasMessageContaining("schema.registry.url")
                .hasMessageNotContaining("pa ss");
    }

    @Test
    void shouldPrintConfigurationsWithoutCredentials() {
        // Given a serde configuration with credentials in the URL and in basic.auth.user.info
        final SerdeConfig config = SerdeConfig.from(configs("http://" + USER + ":secret@" + hostPort + ",http://other:8081",
                Map.of(RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                        RegistryCredentials.BASIC_AUTH_USER_INFO, USER + ":" + PASSWORD)));

        // When / Then
        assertThat(config.toString())
                .contains("http://" + hostPort + ",http://other:8081", "source=USER_INFO")
                .doesNotContain(USER, "secret", PASSWORD);
    }

    private static void showsNoSecret(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain(PASSWORD).doesNotContain(USER)
                    .doesNotContain(PASSWORD.replace("@", "%40").replace("/", "%2F"));
        }
    }

    private GenericRecord roundTrip(final Map<String, Object> configs) {
        final AvroSerializer serializer = new AvroSerializer();
        serializer.configure(configs, false);
        final AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(configs, false);
        final byte[] bytes = serializer.serialize("ping", ping());
        final GenericRecord read = (GenericRecord) deserializer.deserialize("ping", bytes);
        // a fresh deserializer has no cache: it fetched the schema by id through the authentication
        assertThat(MockSchemaRegistry.scope(scope).schemaById(WireFormat.schemaId("ping", bytes))).isEqualTo(SCHEMA);
        return read;
    }

    private static GenericRecord ping() {
        final GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("id", "a-1");
        return record;
    }

    private static Map<String, Object> configs(final String url, final Map<String, Object> auth) {
        final Map<String, Object> configs = new HashMap<>(NO_RETRIES);
        configs.putAll(auth);
        configs.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, url);
        return configs;
    }

    /** The Confluent REST calls the serdes make, answered from the in-memory registry. */
    private static void answer(final HttpExchange exchange, final MockSchemaRegistry backing) throws IOException {
        final ObjectMapper json = new ObjectMapper();
        final String path = exchange.getRequestURI().getPath();
        final ObjectNode body = json.createObjectNode();
        int status = 200;
        try {
            if (path.startsWith("/schemas/ids/")) {
                body.put("schema", backing.schemaById(Integer.parseInt(path.substring("/schemas/ids/".length()))).toString());
            } else {
                final String subject = URLDecoder.decode(path.split("/")[2], StandardCharsets.UTF_8);
                final Schema schema = new Schema.Parser().parse(json.readTree(exchange.getRequestBody()).path("schema").asText());
                body.put("id", path.endsWith("/versions") ? backing.register(subject, schema) : backing.idOf(subject, schema));
            }
        } catch (final SchemaRegistryException e) {
            status = e.status();
            body.put("error_code", e.errorCode()).put("message", e.getMessage());
        }
        send(exchange, status, body.toString());
    }

    private static void send(final HttpExchange exchange, final int status, final String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
