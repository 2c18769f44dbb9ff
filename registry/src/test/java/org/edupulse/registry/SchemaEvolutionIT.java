package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.registry.RegistryAssertions.assertError;
import static org.edupulse.registry.RegistryAssertions.assertOk;
import static org.edupulse.registry.RegistryHttp.schemaBody;
import static org.edupulse.registry.TestSchemas.AGE_REQUIRED;
import static org.edupulse.registry.TestSchemas.EMAIL_OPTIONAL;
import static org.edupulse.registry.TestSchemas.EXTRA;
import static org.edupulse.registry.TestSchemas.EXTRA_WITH_DEFAULT;
import static org.edupulse.registry.TestSchemas.ID;
import static org.edupulse.registry.TestSchemas.NAME;
import static org.edupulse.registry.TestSchemas.STUDENT_V1;
import static org.edupulse.registry.TestSchemas.student;

import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.edupulse.platform.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How subjects evolve through the REST API: levels, ids shared across subjects, idempotence. */
class SchemaEvolutionIT {

    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer server;
    private static RegistryHttp http;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startEphemeral();
        server = SchemaRegistryServer.start(RegistryConfig.defaults(kafka.bootstrapServers())
                .withPort(0).withTopic("_schemas-" + UUID.randomUUID()));
        http = new RegistryHttp(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
        kafka.close();
    }

    @Test
    void shouldAcceptAnOptionalFieldAndRefuseARequiredOneUnderBackward(final TestInfo test) {
        // Given
        final String subject = subject(test);
        final int v1 = http.register(subject, STUDENT_V1);

        // When
        final int v2 = http.register(subject, student(ID, NAME, EMAIL_OPTIONAL));
        final var refused = http.post("/subjects/" + subject + "/versions",
                schemaBody(student(ID, NAME, EMAIL_OPTIONAL, AGE_REQUIRED)));

        // Then
        assertThat(v2).isNotEqualTo(v1);
        assertError(refused, 409, 409);
        assertThat(assertOk(http.get("/subjects/" + subject + "/versions")).toString()).isEqualTo("[1,2]");
        assertThat(assertOk(http.get("/subjects/" + subject + "/versions/latest")).get("id").asInt()).isEqualTo(v2);
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdUnderEverySubject(final TestInfo test) {
        // Given
        final String schema = student(ID, NAME, "{\"name\":\"grade\",\"type\":\"int\"}");
        final String reformatted = schema.replace(",", " ,\n  ").replace("{\"type\":\"record\",\"name\":\"Student\"",
                "{\"name\":\"Student\", \"type\":\"record\"");
        final int first = http.register(subject(test) + "-a", schema);

        // When
        final int second = http.register(subject(test) + "-b", reformatted);

        // Then
        assertThat(reformatted).isNotEqualTo(schema);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldReturnTheExistingIdWithoutANewVersionWhenReRegistering(final TestInfo test) {
        // Given
        final String subject = subject(test);
        final int first = http.register(subject, teacher("v1"));
        http.register(subject, teacher("v2"));

        // When
        final int again = http.register(subject, teacher("v1"));

        // Then
        assertThat(again).isEqualTo(first);
        assertThat(assertOk(http.get("/subjects/" + subject + "/versions")).toString()).isEqualTo("[1,2]");
    }

    @Test
    void shouldGiveADifferentIdToASchemaDifferingOnlyInADefault(final TestInfo test) {
        // Given
        final int withDefaultX = http.register(subject(test) + "-x", student(ID, EXTRA_WITH_DEFAULT));

        // When
        final int withDefaultY = http.register(subject(test) + "-y",
                student(ID, EXTRA_WITH_DEFAULT.replace("\"x\"", "\"y\"")));

        // Then
        assertThat(withDefaultY).isNotEqualTo(withDefaultX);
    }

    @Test
    void shouldRefuseUnderATransitiveSubjectLevelWhatTheLatestVersionAlonePermits(final TestInfo test) {
        // Given
        final String transitive = subject(test) + "-transitive";
        final String latestOnly = subject(test) + "-latest-only";
        for (final String subject : new String[] {transitive, latestOnly}) {
            http.register(subject, student(ID));
            http.register(subject, student(ID, EXTRA_WITH_DEFAULT));
        }
        assertOk(http.put("/config/" + transitive, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}"));

        // When
        final var refused = http.post("/subjects/" + transitive + "/versions", schemaBody(student(ID, EXTRA)));
        final var accepted = http.post("/subjects/" + latestOnly + "/versions", schemaBody(student(ID, EXTRA)));

        // Then
        assertError(refused, 409, 409);
        assertOk(accepted);
    }

    @Test
    void shouldAcceptAnythingUnderASubjectLevelOfNone(final TestInfo test) {
        // Given
        final String subject = subject(test);
        http.register(subject, STUDENT_V1);
        assertOk(http.put("/config/" + subject, "{\"compatibility\":\"NONE\"}"));

        // When
        final int changed = http.register(subject, student(ID, "{\"name\":\"name\",\"type\":\"int\"}"));

        // Then
        assertThat(changed).isPositive();
        assertThat(assertOk(http.get("/subjects/" + subject + "/versions")).toString()).isEqualTo("[1,2]");
    }

    private static String teacher(final String doc) {
        return "{\"type\":\"record\",\"name\":\"Teacher\",\"namespace\":\"org.edupulse.test\",\"doc\":\"" + doc
                + "\",\"fields\":[" + ID + "]}";
    }

    private static String subject(final TestInfo test) {
        return test.getTestMethod().orElseThrow().getName() + "-value";
    }

    static List<Schema> changedContracts() {
        return ContractEvolutionTest.changedContracts();
    }

    /**
     * The changed contracts go through the registry the way a deployment registers them: the previous
     * version is on the subject, the new one is accepted under BACKWARD as version 2, and the same
     * schema with a field edited in place (a new field without a default) is refused with 409.
     */
    @ParameterizedTest
    @MethodSource("changedContracts")
    void shouldAcceptTheNewVersionOfAContractAndRefuseAnInPlaceEditWith409(final Schema current) {
        // Given
        final String subject = "edupulse." + current.getName() + "-value";
        final int v1 = http.register(subject, ContractEvolutionTest.previous(current.getName()).toString());

        // When
        final int v2 = http.register(subject, current.toString());
        final var refused = http.post("/subjects/" + subject + "/versions", schemaBody(current.toString()
                .replaceFirst("\"fields\":\\[", "\"fields\":[{\"name\":\"requiredWithoutDefault\",\"type\":\"string\"},")));

        // Then
        assertThat(v2).isNotEqualTo(v1);
        assertError(refused, 409, 409);
        assertThat(RegistryHttp.json(refused).get("message").asText()).contains("requiredWithoutDefault");
        assertThat(assertOk(http.get("/subjects/" + subject + "/versions")).toString()).isEqualTo("[1,2]");
    }
}
