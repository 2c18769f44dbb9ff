package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.gateway.ApiKeys;
import org.edupulse.schemas.EntityHolder;
import org.edupulse.schemas.EntityKind;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.serving.ServingConfig;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway that {@code demo} and {@code pipeline} mount on the query API's port refuses, with
 * 403, a school's event about a person another school holds, as the standalone gateway does
 * ({@code GatewayIT}); here the holder is the one the mounted pipeline itself decided, from events
 * posted through that gateway.
 */
class MountedGatewayIT {

    private static final String SCHOOL_A = "DB-TG-MN-01";
    private static final String SCHOOL_B = "DB-TC-TH-01";
    private static final String PERSON = "NV-MOUNTED-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void shouldRefuseWith403ASchoolsEventAboutAPersonThePipelineSaysAnotherSchoolHolds() throws Exception {
        // Given the embedded broker and registry, and the pipeline with its gateway as `pipeline` runs it
        try (Platform platform = Platform.start(EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0")))) {
            final String bootstrap = platform.bootstrapServers();
            final String registry = platform.schemaRegistryUrl();
            final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                    EduPulseConfig.BOOTSTRAP_SERVERS, bootstrap, EduPulseConfig.SCHEMA_REGISTRY_URL, registry));
            final String department;
            final String keyA;
            final String keyB;
            try (ApiKeys keys = ApiKeys.connect(bootstrap, registry)) {
                department = keys.createDepartment("register").key();
                keyA = keys.create(SCHOOL_A, "hr").key();
                keyB = keys.create(SCHOOL_B, "hr").key();
            }
            try (Pipeline pipeline = Pipeline.start(bootstrap, registry, config,
                    ServingConfig.defaults(bootstrap, registry).withPort(0), Files.createDirectory(work.resolve("state")),
                    true)) {
                final String url = pipeline.url();
                final List<String> schools = Files.readAllLines(Path.of("..", "examples", "school.ndjson")).subList(0, 2);
                assertThat(schools.get(0)).contains(SCHOOL_A);
                assertThat(schools.get(1)).contains(SCHOOL_B);

                // ... the department posts both schools, and school A takes the person on, through the mounted gateway
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> post(url, "school", department, "[" + String.join(",", schools) + "]").statusCode() == 202);
                assertThat(post(url, "staff", keyA, staff(SCHOOL_A, "JOINED", "2025-04-02")).statusCode()).isEqualTo(202);

                // ... and the pipeline has published that school A holds the person
                awaitHolder(bootstrap, registry, Topics.holderKey(EntityKind.PERSON, PERSON), SCHOOL_A);

                // When school B posts a transfer of that person to itself
                // (the gateway's copy of the holders may trail the topic by a poll)
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> post(url, "staff", keyB, staff(SCHOOL_B, "TRANSFERRED", "2025-05-02")).statusCode() == 403);
                final HttpResponse<String> refused = post(url, "staff", keyB, staff(SCHOOL_B, "TRANSFERRED", "2025-05-02"));

                // Then it is refused, naming the holder, with nothing published
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
                final JsonNode body = JSON.readTree(refused.body());
                assertThat(body.get("error").asText()).isEqualTo("held_by_other_school");
                assertThat(body.at("/errors/0/field").asText()).isEqualTo("staffId");
                assertThat(body.at("/errors/0/reason").asText()).contains(PERSON).contains("school " + SCHOOL_A)
                        .contains("must first post RELEASED");
                assertThat(body.get("message").asText()).contains("nothing of this request was published");

                // ... while the holder's own event about the person, and B's about someone nobody holds, are accepted
                assertThat(post(url, "staff", keyA, staff(SCHOOL_A, "LEFT", "2025-06-02")).statusCode()).isEqualTo(202);
                assertThat(post(url, "staff", keyB, staff(SCHOOL_B, "JOINED", "2025-04-02")
                        .replace(PERSON, "NV-MOUNTED-2")).statusCode()).isEqualTo(202);
            }
        }
    }

    private static String staff(final String school, final String action, final String day) {
        return "{\"staffId\":\"" + PERSON + "\",\"schoolId\":\"" + school + "\",\"role\":\"TEACHER\",\"action\":\""
                + action + "\",\"occurredAt\":\"" + day + "T08:00:00+07:00\"}";
    }

    private static HttpResponse<String> post(final String url, final String type, final String key, final String body)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/events/" + type))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the committed holders until {@code key} names {@code school}. */
    private static void awaitHolder(final String bootstrap, final String registry, final String key, final String school) {
        final Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        final Map<String, String> holders = new HashMap<>();
        try (KafkaConsumer<String, EntityHolder> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                SpecificAvroSerde.of(EntityHolder.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry), false)
                        .deserializer())) {
            consumer.assign(consumer.partitionsFor(Topics.ENTITY_HOLDERS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList());
            await().atMost(Duration.ofSeconds(45)).until(() -> {
                for (final ConsumerRecord<String, EntityHolder> holder : consumer.poll(Duration.ofMillis(200))) {
                    holders.put(holder.key(), holder.value() == null || holder.value().getSchoolId() == null ? ""
                            : holder.value().getSchoolId());
                }
                return school.equals(holders.get(key));
            });
        }
    }
}
