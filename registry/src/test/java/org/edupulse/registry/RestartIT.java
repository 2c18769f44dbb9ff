package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.registry.RegistryAssertions.assertOk;
import static org.edupulse.registry.TestSchemas.EMAIL_OPTIONAL;
import static org.edupulse.registry.TestSchemas.ID;
import static org.edupulse.registry.TestSchemas.NAME;
import static org.edupulse.registry.TestSchemas.STUDENT_V1;
import static org.edupulse.registry.TestSchemas.student;
import static org.edupulse.registry.TestSchemas.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.edupulse.platform.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A new instance on the same topic restores everything the previous one wrote. */
class RestartIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startEphemeral();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldRestoreSubjectsVersionsIdsAndConfigAfterARestart() {
        // Given
        final RegistryConfig config = RegistryConfig.defaults(kafka.bootstrapServers())
                .withPort(0).withTopic("_schemas-" + UUID.randomUUID());
        final List<String> before;
        final int studentV1;
        final int teacherId;
        try (SchemaRegistryServer first = SchemaRegistryServer.start(config)) {
            final RegistryHttp http = new RegistryHttp(first.url());
            studentV1 = http.register("students-value", STUDENT_V1);
            http.register("students-value", student(ID, NAME, EMAIL_OPTIONAL));
            teacherId = http.register("teachers-value", teacher(ID));
            http.register("alumni-value", STUDENT_V1);
            assertOk(http.put("/config", "{\"compatibility\":\"FULL\"}"));
            assertOk(http.put("/config/teachers-value", "{\"compatibility\":\"NONE\"}"));
            assertOk(http.put("/config/teachers-value", "{\"compatibility\":\"FORWARD\"}"));
            before = snapshot(http);
        }

        // When
        try (SchemaRegistryServer second = SchemaRegistryServer.start(config)) {
            final RegistryHttp http = new RegistryHttp(second.url());
            final List<String> after = snapshot(http);
            final int reRegistered = http.register("students-value", STUDENT_V1);
            final int next = http.register("teachers-value", teacher(ID, NAME));

            // Then
            assertThat(after).isEqualTo(before).isNotEmpty();
            assertThat(after).contains("config:FULL", "config/teachers-value:FORWARD");
            assertThat(reRegistered).isEqualTo(studentV1);
            assertThat(assertOk(http.get("/schemas/ids/" + teacherId)).get("schema").asText()).contains("Teacher");
            assertThat(next).isEqualTo(4);
            assertThat(assertOk(http.get("/subjects/students-value/versions")).toString()).isEqualTo("[1,2]");
        }
    }

    /** Everything a client can read, as comparable lines. */
    private static List<String> snapshot(final RegistryHttp http) {
        final List<String> lines = new ArrayList<>();
        for (final JsonNode subject : assertOk(http.get("/subjects"))) {
            for (final JsonNode version : assertOk(http.get("/subjects/" + subject.asText() + "/versions"))) {
                final JsonNode body = assertOk(http.get("/subjects/" + subject.asText() + "/versions/" + version.asInt()));
                lines.add(body.toString());
                lines.add("id " + body.get("id").asInt() + ":" + assertOk(http.get("/schemas/ids/" + body.get("id").asInt())));
            }
            final var level = http.get("/config/" + subject.asText());
            lines.add("config/" + subject.asText() + ":" + (level.statusCode() == 200
                    ? RegistryHttp.json(level).get("compatibilityLevel").asText() : "unset"));
        }
        lines.add("config:" + assertOk(http.get("/config")).get("compatibilityLevel").asText());
        return lines;
    }
}
