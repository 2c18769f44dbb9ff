package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edupulse.registry.RegistryAssertions.assertOk;
import static org.edupulse.registry.TestSchemas.EMAIL_OPTIONAL;
import static org.edupulse.registry.TestSchemas.ID;
import static org.edupulse.registry.TestSchemas.NAME;
import static org.edupulse.registry.TestSchemas.STUDENT_V1;
import static org.edupulse.registry.TestSchemas.student;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.edupulse.platform.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances on one topic agree without a leader, because both fold the same log. */
class TwoInstancesIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(10);

    private static EmbeddedKafka kafka;
    private SchemaRegistryServer serverA;
    private SchemaRegistryServer serverB;
    private RegistryHttp a;
    private RegistryHttp b;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startEphemeral();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @BeforeEach
    void startInstances() {
        final RegistryConfig config = RegistryConfig.defaults(kafka.bootstrapServers())
                .withPort(0).withTopic("_schemas-" + UUID.randomUUID());
        serverA = SchemaRegistryServer.start(config);
        serverB = SchemaRegistryServer.start(config);
        a = new RegistryHttp(serverA.url());
        b = new RegistryHttp(serverB.url());
    }

    @AfterEach
    void stopInstances() {
        serverA.close();
        serverB.close();
    }

    @Test
    void shouldServeThroughOneInstanceWhatWasWrittenThroughTheOther() {
        // Given
        final int id = a.register("students-value", STUDENT_V1);
        assertOk(a.put("/config/students-value", "{\"compatibility\":\"FULL\"}"));

        // When / Then
        await().atMost(PROPAGATION).untilAsserted(() -> {
            final var latest = b.get("/subjects/students-value/versions/latest");
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(RegistryHttp.json(latest).get("id").asInt()).isEqualTo(id);
            assertThat(assertOk(b.get("/schemas/ids/" + id)).get("schema").asText()).contains("Student");
            assertThat(assertOk(b.get("/config/students-value")).get("compatibilityLevel").asText()).isEqualTo("FULL");
        });
        assertThat(b.register("alumni-value", STUDENT_V1)).isEqualTo(id);
        assertThat(b.register("students-value", STUDENT_V1)).isEqualTo(id);
    }

    @Test
    void shouldAgreeOnVersionsAndIdsWhenBothInstancesWriteConcurrently() {
        // Given: both instances register the same new schemas under their own subjects, and race
        // on one shared subject with compatible versions
        final List<String> schemas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            schemas.add(student(ID, NAME, "{\"name\":\"f" + i + "\",\"type\":[\"null\",\"int\"],\"default\":null}"));
        }
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final List<CompletableFuture<Map.Entry<String, Integer>>> calls = new ArrayList<>();

        // When
        try {
            for (final String schema : schemas) {
                calls.add(CompletableFuture.supplyAsync(() -> Map.entry(schema, a.register("from-a-value", schema)), pool));
                calls.add(CompletableFuture.supplyAsync(() -> Map.entry(schema, b.register("from-b-value", schema)), pool));
            }
            calls.add(CompletableFuture.supplyAsync(() -> Map.entry("shared", a.register("shared-value", STUDENT_V1)), pool));
            calls.add(CompletableFuture.supplyAsync(() -> Map.entry("shared", b.register("shared-value",
                    student(ID, NAME, EMAIL_OPTIONAL))), pool));
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }

        // Then
        final Map<String, Integer> idBySchema = new HashMap<>();
        for (final CompletableFuture<Map.Entry<String, Integer>> call : calls) {
            final Map.Entry<String, Integer> result = call.join();
            if (!"shared".equals(result.getKey())) {
                assertThat(idBySchema.putIfAbsent(result.getKey(), result.getValue()))
                        .as("one id per schema").isIn(null, result.getValue());
            }
        }
        assertThat(idBySchema.values()).doesNotHaveDuplicates().hasSize(schemas.size());
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(everything(b)).isEqualTo(everything(a)));
        assertThat(assertOk(a.get("/subjects/shared-value/versions")).toString()).isEqualTo("[1,2]");
        assertThat(assertOk(a.get("/subjects/from-a-value/versions")).size()).isEqualTo(schemas.size());
    }

    private static List<String> everything(final RegistryHttp http) {
        final List<String> lines = new ArrayList<>();
        for (final JsonNode subject : assertOk(http.get("/subjects"))) {
            for (final JsonNode version : assertOk(http.get("/subjects/" + subject.asText() + "/versions"))) {
                lines.add(assertOk(http.get("/subjects/" + subject.asText() + "/versions/" + version.asInt())).toString());
            }
        }
        return lines;
    }
}
