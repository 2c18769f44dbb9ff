package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.registry.RegistryAssertions.assertError;
import static org.edupulse.registry.RegistryAssertions.assertOk;
import static org.edupulse.registry.RegistryHttp.schemaBody;

import java.util.UUID;
import org.apache.avro.Schema;
import org.edupulse.platform.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The changed contracts go through the registry the way a deployment registers them: the previous
 * version is on the subject, the new one is accepted under BACKWARD as version 2, and the same
 * schema with a field edited in place (a new field without a default) is refused with 409.
 */
class ContractRegistrationIT {

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

    static java.util.List<Schema> changedContracts() {
        return ContractEvolutionTest.changedContracts();
    }

    @ParameterizedTest
    @MethodSource("changedContracts")
    void shouldAcceptTheNewVersionAndRefuseAnInPlaceEditWith409(final Schema current) {
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
