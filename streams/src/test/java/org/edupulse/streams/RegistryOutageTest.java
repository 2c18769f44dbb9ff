package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.RegistryCredentials;
import org.edupulse.serde.SchemaRegistryException;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.state.ParkedRecord;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry outage loses nothing: records whose schema cannot be fetched wait, in order,
 * and count once the registry answers; so do they while it refuses the pipeline's credentials; only a
 * definite answer about the record (an unknown id) is a dead letter. The
 * outage is acted out by the in-memory registry behind the serde's own registry client.
 */
class RegistryOutageTest {

    private static final String SCOPE = "registry-outage";

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;
    private final Map<String, Object> serde = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
            MockSchemaRegistry.SCHEME + SCOPE);

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver(SCOPE, stateDir);
        driver.school(school("A", "D1").build(), START);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private byte[] bytes(final TrainingEvent event) {
        return SpecificAvroSerde.of(TrainingEvent.class, serde, false).serializer()
                .serialize(Topics.TRAINING_EVENTS.name(), event);
    }

    private byte[] bytes(final School school) {
        return SpecificAvroSerde.of(School.class, serde, false).serializer().serialize(Topics.SCHOOLS.name(), school);
    }

    @Test
    void shouldHoldRecordsWhileTheRegistryIsDownAndCountThemInOrderOnceItAnswers() {
        // Given records written while the registry was up: a session of A, school B and a session of B
        final byte[] sessionA = bytes(training("t1", "A", START).build());
        final byte[] schoolB = bytes(school("B", "D2").build());
        final byte[] sessionB = bytes(training("t2", "B", START).build());
        final byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(4242).putInt(7).array();

        // When they arrive while the registry is unreachable, with a record naming an id it does not know,
        // and the retry interval passes twice with the registry still down
        MockSchemaRegistry.scope(SCOPE).unavailable(true);
        driver.rawBytes(Topics.TRAINING_EVENTS, "A", sessionA, START);
        driver.rawBytes(Topics.SCHOOLS, "B", schoolB, START);
        driver.rawBytes(Topics.TRAINING_EVENTS, "B", sessionB, START);
        driver.rawBytes(Topics.DEVICE_EVENTS, "A", unknownId, START);
        driver.advanceWallClock(IngestProcessor.REGISTRY_RETRY.multipliedBy(2));

        // Then nothing is a dead letter, and all four wait in arrival order
        final KeyValueStore<String, ParkedRecord> held = driver.store(IndicatorsTopology.AWAITING_REGISTRY_STORE);
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(held.approximateNumEntries()).isEqualTo(4);
        assertThat(held.get("0000000000000000000").getTopic()).isEqualTo(Topics.TRAINING_EVENTS.name());
        assertThat(held.get("0000000000000000001").getTopic()).isEqualTo(Topics.SCHOOLS.name());

        // When the registry answers again and the retry interval passes
        MockSchemaRegistry.scope(SCOPE).unavailable(false);
        driver.advanceWallClock(IngestProcessor.REGISTRY_RETRY);

        // Then both sessions count (B's after its school record, held before it), nothing waits any more,
        // and only the unknown schema id is a dead letter
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.district("D2", "training.sessions.total")).isEqualTo(1);
        assertThat(held.approximateNumEntries()).isZero();
        assertThat(driver.deadLetters()).singleElement().satisfies((DeadLetter letter) -> {
            assertThat(letter.getReason()).contains("Unknown schema id 4242");
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.DEVICE_EVENTS.name());
        });
    }

    @Test
    void shouldStillRefuseARecordNamingAnUnknownSchemaIdAtOnceWhileTheRegistryAnswers() {
        // Given a registry that answers
        final byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(4242).putInt(7).array();

        // When a record naming an id it does not know arrives
        driver.rawBytes(Topics.TRAINING_EVENTS, "A", unknownId, START);

        // Then it is a dead letter with the reason, and nothing waits
        assertThat(driver.deadLetters()).singleElement()
                .satisfies((DeadLetter letter) -> assertThat(letter.getReason()).contains("Unknown schema id 4242"));
        assertThat(driver.store(IndicatorsTopology.AWAITING_REGISTRY_STORE).approximateNumEntries()).isZero();
    }

    @Test
    void shouldNotExpireAnEventWaitingForItsSchoolWhileItsSchoolWaitsForTheRegistry() {
        // Given a session of school C, not known yet, parked while the registry answers,
        // and a staff event of A and C's school record written while it answered
        driver.training(training("t3", "C", START).build(), START);
        final byte[] staffA = SpecificAvroSerde.of(StaffEvent.class, serde, false).serializer()
                .serialize(Topics.STAFF_EVENTS.name(), staff("s1", "p1", "A", START).build());
        final byte[] schoolC = bytes(school("C", "D3").build());

        // When the registry goes down, the staff event (a schema the pipeline has not read yet) arrives,
        // C's school record arrives behind it, and the registry stays down well past the reference wait
        MockSchemaRegistry.scope(SCOPE).unavailable(true);
        driver.rawBytes(Topics.STAFF_EVENTS, "A", staffA, START.plusSeconds(1));
        driver.rawBytes(Topics.SCHOOLS, "C", schoolC, START.plusSeconds(2));
        for (int step = 0; step < 4; step++) {
            driver.advanceWallClock(IndicatorsConfig.defaults().referenceWait());
        }

        // Then the session is not refused as naming an unknown school, and counts once the registry is back
        assertThat(driver.deadLetters()).isEmpty();
        MockSchemaRegistry.scope(SCOPE).unavailable(false);
        driver.advanceWallClock(IngestProcessor.REGISTRY_RETRY);
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.district("D3", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.district("D1", "staff.active")).isEqualTo(1);
    }

    @Test
    void shouldHoldRecordsWhileAnHttpRegistryAnswers503AndRefuseAnUnknownIdItAnswers404For() throws IOException {
        // Given the pipeline reading through the REST client from an HTTP registry (backed by the in-memory one)
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final AtomicBoolean down = new AtomicBoolean();
        final MockSchemaRegistry backing = MockSchemaRegistry.scope(SCOPE + "-http");
        server.createContext("/", exchange -> answer(exchange, down.get(), backing));
        server.start();
        final Map<String, Object> http = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                "http://127.0.0.1:" + server.getAddress().getPort());
        try (IndicatorsDriver overHttp = new IndicatorsDriver(SCOPE + "-http", http, IndicatorsConfig.defaults(),
                stateDir.resolve("http"))) {
            overHttp.school(school("A", "D1").build(), START);
            final byte[] sessionA = SpecificAvroSerde.of(TrainingEvent.class, http, false).serializer()
                    .serialize(Topics.TRAINING_EVENTS.name(), training("t1", "A", START).build());
            final byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(4242).putInt(7).array();

            // When the registry answers 503 as the session and the unknown id arrive, then answers again
            down.set(true);
            overHttp.rawBytes(Topics.TRAINING_EVENTS, "A", sessionA, START);
            overHttp.rawBytes(Topics.DEVICE_EVENTS, "A", unknownId, START);
            overHttp.advanceWallClock(IngestProcessor.REGISTRY_RETRY);
            final int heldWhileDown = (int) overHttp.store(IndicatorsTopology.AWAITING_REGISTRY_STORE)
                    .approximateNumEntries();
            down.set(false);
            overHttp.advanceWallClock(IngestProcessor.REGISTRY_RETRY);

            // Then both waited, the session counts, and only the unknown id (404, 40403) is a dead letter
            assertThat(heldWhileDown).isEqualTo(2);
            assertThat(overHttp.district("D1", "training.sessions.total")).isEqualTo(1);
            assertThat(overHttp.deadLetters()).singleElement()
                    .satisfies((DeadLetter letter) -> assertThat(letter.getReason()).contains("error code 40403"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldHoldRecordsWhileTheRegistryRefusesThePipelinesCredentialsAndCountThemOnceItAcceptsThem()
            throws IOException {
        // Given the pipeline reading with basic.auth.user.info from an HTTP registry that requires Basic auth
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final AtomicReference<String> accepted = new AtomicReference<>("pipeline:first-secret");
        final MockSchemaRegistry backing = MockSchemaRegistry.scope(SCOPE + "-auth");
        server.createContext("/", exchange -> answer(exchange, false, backing))
                .setAuthenticator(new BasicAuthenticator("registry") {
                    @Override
                    public boolean checkCredentials(final String user, final String password) {
                        return accepted.get().equals(user + ":" + password);
                    }
                });
        server.start();
        final Map<String, Object> http = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                "http://127.0.0.1:" + server.getAddress().getPort(),
                RegistryCredentials.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                RegistryCredentials.BASIC_AUTH_USER_INFO, "pipeline:first-secret");
        try (IndicatorsDriver overHttp = new IndicatorsDriver(SCOPE + "-auth", http, IndicatorsConfig.defaults(),
                stateDir.resolve("auth"))) {
            overHttp.school(school("A", "D1").build(), START);
            final byte[] sessionA = SpecificAvroSerde.of(TrainingEvent.class, http, false).serializer()
                    .serialize(Topics.TRAINING_EVENTS.name(), training("t1", "A", START).build());

            // When the registry's password for the pipeline changes before the session is read, and the retry passes
            accepted.set("pipeline:second-secret");
            overHttp.rawBytes(Topics.TRAINING_EVENTS, "A", sessionA, START);
            overHttp.advanceWallClock(IngestProcessor.REGISTRY_RETRY);

            // Then the session is held, not a dead letter: the refusal is about the pipeline, not the record
            assertThat(overHttp.deadLetters()).isEmpty();
            assertThat(overHttp.store(IndicatorsTopology.AWAITING_REGISTRY_STORE).approximateNumEntries()).isEqualTo(1);

            // When the registry accepts the pipeline's credentials again and the retry passes
            accepted.set("pipeline:first-secret");
            overHttp.advanceWallClock(IngestProcessor.REGISTRY_RETRY);

            // Then the session counts and nothing waits
            assertThat(overHttp.district("D1", "training.sessions.total")).isEqualTo(1);
            assertThat(overHttp.store(IndicatorsTopology.AWAITING_REGISTRY_STORE).approximateNumEntries()).isZero();
            assertThat(overHttp.deadLetters()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    /** The Confluent REST calls the serdes make, answered from the in-memory registry, or 503 while down. */
    private static void answer(final HttpExchange exchange, final boolean down, final MockSchemaRegistry backing)
            throws IOException {
        final ObjectMapper json = new ObjectMapper();
        final String path = exchange.getRequestURI().getPath();
        int status = 200;
        final ObjectNode body = json.createObjectNode();
        try {
            if (down) {
                status = 503;
                body.put("error_code", 50003).put("message", "Error while forwarding the request to the leader");
            } else if (path.startsWith("/schemas/ids/")) {
                body.put("schema", backing.schemaById(Integer.parseInt(path.substring("/schemas/ids/".length())))
                        .toString());
            } else {
                final String subject = URLDecoder.decode(path.split("/")[2], StandardCharsets.UTF_8);
                final Schema schema = new Schema.Parser().parse(
                        json.readTree(exchange.getRequestBody()).path("schema").asText());
                body.put("id", path.endsWith("/versions") ? backing.register(subject, schema)
                        : backing.idOf(subject, schema));
            }
        } catch (final SchemaRegistryException e) {
            status = e.status();
            body.put("error_code", e.errorCode()).put("message", e.getMessage());
        }
        final byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
