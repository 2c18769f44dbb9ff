package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.registry.RegistryAssertions.assertError;
import static org.edupulse.registry.RegistryAssertions.assertOk;
import static org.edupulse.registry.RegistryHttp.schemaBody;
import static org.edupulse.registry.TestSchemas.AGE_REQUIRED;
import static org.edupulse.registry.TestSchemas.EMAIL_OPTIONAL;
import static org.edupulse.registry.TestSchemas.ID;
import static org.edupulse.registry.TestSchemas.NAME;
import static org.edupulse.registry.TestSchemas.STUDENT_V1;
import static org.edupulse.registry.TestSchemas.student;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.edupulse.platform.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint's success shape and every error code, against a fresh store topic per test. */
class RestContractIT {

    private static final String SUBJECT = "students-value";
    private static final String V2 = student(ID, NAME, EMAIL_OPTIONAL);

    private static EmbeddedKafka kafka;
    private SchemaRegistryServer server;
    private RegistryHttp http;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startEphemeral();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void startRegistry() {
        server = SchemaRegistryServer.start(RegistryConfig.defaults(kafka.bootstrapServers())
                .withPort(0).withTopic("_schemas-" + UUID.randomUUID()));
        http = new RegistryHttp(server.url());
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }

    @Test
    void shouldRegisterASchemaAndAnswerWithItsId() {
        // Given
        final String body = schemaBody(STUDENT_V1);

        // When
        final JsonNode response = assertOk(http.post("/subjects/" + SUBJECT + "/versions", body));

        // Then
        assertThat(response.size()).isEqualTo(1);
        assertThat(response.get("id").asInt()).isPositive();
        assertThat(server.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void shouldHaveTheJdkServerSendItsResponsesWithoutNaglesDelay() {
        // Given the registry started (by this class)

        // Then the JDK server's connections set TCP_NODELAY: with Nagle's algorithm, a response's body waited
        // for the client's delayed acknowledgement of its headers, about 40 ms on each kept-alive request
        assertThat(System.getProperty(SchemaRegistryServer.NO_DELAY_PROPERTY)).isEqualTo("true");
    }

    @Test
    void shouldListSubjectsAndTheirVersions() {
        // Given
        http.register(SUBJECT, STUDENT_V1);
        http.register(SUBJECT, V2);
        http.register("attendance-value", "\"string\"");

        // When
        final JsonNode subjects = assertOk(http.get("/subjects"));
        final JsonNode versions = assertOk(http.get("/subjects/" + SUBJECT + "/versions"));

        // Then
        assertThat(subjects.toString()).isEqualTo("[\"attendance-value\",\"students-value\"]");
        assertThat(versions.toString()).isEqualTo("[1,2]");
    }

    @Test
    void shouldServeAVersionByNumberAndAsLatest() {
        // Given
        final int firstId = http.register(SUBJECT, STUDENT_V1);
        final int secondId = http.register(SUBJECT, V2);

        // When
        final JsonNode first = assertOk(http.get("/subjects/" + SUBJECT + "/versions/1"));
        final JsonNode latest = assertOk(http.get("/subjects/" + SUBJECT + "/versions/latest"));

        // Then
        assertThat(first.get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("id").asInt()).isEqualTo(firstId);
        assertThat(new Schema.Parser().parse(first.get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(STUDENT_V1));
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(secondId);
    }

    @Test
    void shouldServeTheRawSchemaOfAVersion() {
        // Given
        http.register(SUBJECT, STUDENT_V1);

        // When
        final JsonNode raw = assertOk(http.get("/subjects/" + SUBJECT + "/versions/1/schema"));

        // Then
        assertThat(raw.get("name").asText()).isEqualTo("Student");
        assertThat(raw.get("fields").size()).isEqualTo(2);
    }

    @Test
    void shouldServeASchemaById() {
        // Given
        final int id = http.register(SUBJECT, STUDENT_V1);

        // When
        final JsonNode response = assertOk(http.get("/schemas/ids/" + id));

        // Then
        assertThat(new Schema.Parser().parse(response.get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(STUDENT_V1));
        assertThat(assertOk(http.get("/schemas/types")).toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void shouldLookUpWhichVersionOfASubjectHoldsASchema() {
        // Given
        http.register(SUBJECT, STUDENT_V1);
        final int id = http.register(SUBJECT, V2);

        // When
        final JsonNode found = assertOk(http.post("/subjects/" + SUBJECT, schemaBody(V2)));

        // Then
        assertThat(found.get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(found.get("version").asInt()).isEqualTo(2);
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("schema").isTextual()).isTrue();
    }

    @Test
    void shouldAnswer40401ForAnUnknownSubject() {
        // Given
        final String unknown = "/subjects/nobody-value";

        // When / Then
        assertError(http.get(unknown + "/versions"), 404, 40401);
        assertError(http.get(unknown + "/versions/1"), 404, 40401);
        assertError(http.get(unknown + "/versions/latest"), 404, 40401);
        assertError(http.post(unknown, schemaBody(STUDENT_V1)), 404, 40401);
        assertError(http.post("/compatibility" + unknown + "/versions/latest", schemaBody(STUDENT_V1)), 404, 40401);
    }

    @Test
    void shouldAnswer40402ForAnUnknownVersion() {
        // Given
        http.register(SUBJECT, STUDENT_V1);

        // When / Then
        assertError(http.get("/subjects/" + SUBJECT + "/versions/2"), 404, 40402);
        assertError(http.get("/subjects/" + SUBJECT + "/versions/2/schema"), 404, 40402);
        assertError(http.post("/compatibility/subjects/" + SUBJECT + "/versions/9", schemaBody(V2)), 404, 40402);
    }

    @Test
    void shouldAnswer40403ForAnUnknownIdOrASchemaNotUnderTheSubject() {
        // Given
        http.register(SUBJECT, STUDENT_V1);

        // When / Then
        assertError(http.get("/schemas/ids/999"), 404, 40403);
        assertError(http.get("/schemas/ids/abc"), 404, 40403);
        assertError(http.post("/subjects/" + SUBJECT, schemaBody(V2)), 404, 40403);
    }

    @Test
    void shouldAnswer42202ForAVersionThatIsNeitherPositiveNorLatest() {
        // Given
        http.register(SUBJECT, STUDENT_V1);

        // When / Then
        assertError(http.get("/subjects/" + SUBJECT + "/versions/0"), 422, 42202);
        assertError(http.get("/subjects/" + SUBJECT + "/versions/-2"), 422, 42202);
        assertError(http.get("/subjects/" + SUBJECT + "/versions/newest"), 422, 42202);
        assertError(http.post("/compatibility/subjects/" + SUBJECT + "/versions/x", schemaBody(V2)), 422, 42202);
    }

    @Test
    void shouldAnswer42201ForAnInvalidOrUnsupportedSchema() {
        // Given
        final String path = "/subjects/" + SUBJECT + "/versions";
        final String badDefault = student(ID, "{\"name\":\"n\",\"type\":\"int\",\"default\":\"text\"}");
        final String protobuf = RegistryHttp.write(Map.of("schema", "syntax = \"proto3\";", "schemaType", "PROTOBUF"));

        // When / Then
        assertError(http.post(path, schemaBody("{\"type\":\"record\",\"name\":")), 422, 42201);
        assertError(http.post(path, schemaBody("{\"type\":\"nosuchtype\"}")), 422, 42201);
        assertError(http.post(path, schemaBody(badDefault)), 422, 42201);
        assertError(http.post(path, "{\"schemaType\":\"AVRO\"}"), 422, 42201);
        assertError(http.post(path, protobuf), 422, 42201);
        assertThat(RegistryHttp.json(http.post(path, protobuf)).get("message").asText()).contains("PROTOBUF");
        assertError(http.get("/subjects/" + SUBJECT + "/versions"), 404, 40401);
    }

    @Test
    void shouldAcceptAnExplicitAvroSchemaType() {
        // Given
        final String body = RegistryHttp.write(Map.of("schema", STUDENT_V1, "schemaType", "AVRO"));

        // When
        final JsonNode response = assertOk(http.post("/subjects/" + SUBJECT + "/versions", body));

        // Then
        assertThat(response.get("id").asInt()).isPositive();
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409() {
        // Given
        http.register(SUBJECT, STUDENT_V1);

        // When
        final var response = http.post("/subjects/" + SUBJECT + "/versions",
                schemaBody(student(ID, NAME, AGE_REQUIRED)));

        // Then
        assertError(response, 409, 409);
        assertThat(RegistryHttp.json(response).get("message").asText()).contains("incompatible").contains("age");
    }

    @Test
    void shouldServeAndChangeTheGlobalLevel() {
        // Given
        final JsonNode before = assertOk(http.get("/config"));

        // When
        final JsonNode put = assertOk(http.put("/config", "{\"compatibility\":\"FULL\"}"));
        final JsonNode after = assertOk(http.get("/config"));

        // Then
        assertThat(before.toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(put.toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(after.toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void shouldServeASubjectLevelOnlyWhenConfiguredUnlessAskedToDefaultToGlobal() {
        // Given
        http.register(SUBJECT, STUDENT_V1);

        // When
        final var unconfigured = http.get("/config/" + SUBJECT);
        final JsonNode defaulted = assertOk(http.get("/config/" + SUBJECT + "?defaultToGlobal=true"));
        final JsonNode put = assertOk(http.put("/config/" + SUBJECT, "{\"compatibility\":\"none\"}"));
        final JsonNode configured = assertOk(http.get("/config/" + SUBJECT));

        // Then
        assertError(unconfigured, 404, 40408);
        assertThat(defaulted.toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(put.toString()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(configured.toString()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(assertOk(http.get("/config")).toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void shouldAnswer42203ForAnInvalidLevel() {
        // Given
        final String sideways = "{\"compatibility\":\"SIDEWAYS\"}";

        // When / Then
        assertError(http.put("/config", sideways), 422, 42203);
        assertError(http.put("/config/" + SUBJECT, sideways), 422, 42203);
        assertError(http.put("/config", "{}"), 422, 42203);
        assertThat(assertOk(http.get("/config")).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void shouldTestCompatibilityAgainstAVersionWithOptionalMessages() {
        // Given
        http.register(SUBJECT, STUDENT_V1);
        final String path = "/compatibility/subjects/" + SUBJECT + "/versions/";
        final String required = schemaBody(student(ID, NAME, AGE_REQUIRED));

        // When
        final JsonNode compatible = assertOk(http.post(path + "latest", schemaBody(V2)));
        final JsonNode incompatible = assertOk(http.post(path + "1", required));
        final JsonNode verbose = assertOk(http.post(path + "1?verbose=true", required));
        final JsonNode againstAll = assertOk(http.post("/compatibility/subjects/" + SUBJECT + "/versions", required));

        // Then
        assertThat(compatible.toString()).isEqualTo("{\"is_compatible\":true}");
        assertThat(incompatible.toString()).isEqualTo("{\"is_compatible\":false}");
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").toString()).contains("age");
        assertThat(againstAll.get("is_compatible").asBoolean()).isFalse();
        assertThat(assertOk(http.get("/subjects/" + SUBJECT + "/versions")).toString()).isEqualTo("[1]");
    }

    @Test
    void shouldAnswer404ForUnknownPathsAnd405ForWrongMethods() {
        // Given
        final String delete = "DELETE";

        // When / Then
        assertError(http.get("/nothing/here"), 404, 404);
        assertError(http.get("/subjects/" + SUBJECT + "/versions/1/schema/extra"), 404, 404);
        assertError(http.send(delete, "/config", null, null), 405, 405);
        assertError(http.get("/subjects/" + SUBJECT), 405, 405);
        assertError(http.put("/subjects", "{}"), 405, 405);
        assertThat(assertOk(http.get("/")).toString()).isEqualTo("{}");
    }

    @Test
    void shouldAnswer400ForAMalformedBody() {
        // Given
        final String path = "/subjects/" + SUBJECT + "/versions";

        // When
        final var malformed = http.post(path, "{\"schema\": ");

        // Then
        assertError(malformed, 400, 400);
        assertThat(RegistryHttp.json(malformed).get("message").asText()).contains("not valid JSON");
        assertError(http.post(path, "[1,2]"), 400, 400);
        assertError(http.post(path, ""), 400, 400);
        assertError(http.post(path, "{\"schema\": 42}"), 400, 400);
        assertError(http.put("/config", "nonsense"), 400, 400);
    }

    @Test
    void shouldAcceptEveryConfluentMediaTypeAndRefuseOthers() {
        // Given
        final String body = schemaBody(STUDENT_V1);
        final String path = "/subjects/" + SUBJECT + "/versions";

        // When
        final var plainJson = http.send("POST", path, body, "application/json; charset=utf-8");
        final var unversioned = http.send("POST", path, body, "application/vnd.schemaregistry+json");
        final var text = http.send("POST", path, body, "text/plain");

        // Then
        assertThat(assertOk(plainJson).get("id").asInt())
                .isEqualTo(assertOk(unversioned).get("id").asInt());
        assertError(text, 415, 415);
    }

    @Test
    void shouldKeepPercentEncodedCharactersInsideSubjectNames() {
        // Given
        final String encoded = "edupulse%2Fstudents%2Bvalue";

        // When
        http.register(encoded, STUDENT_V1);

        // Then
        assertThat(assertOk(http.get("/subjects")).toString()).isEqualTo("[\"edupulse/students+value\"]");
        assertThat(assertOk(http.get("/subjects/" + encoded + "/versions/1")).get("subject").asText())
                .isEqualTo("edupulse/students+value");
    }
}
