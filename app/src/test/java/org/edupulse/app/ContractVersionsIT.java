package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.serde.AvroSerializer;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16's promise, end to end: a school system still writing the previous version of the
 * contracts (generic records with the schemas kept in {@code registry/src/test/resources/previous},
 * in the Confluent wire format through the project's serializer) and the publisher writing the
 * current version share the topics, before and after the current version is registered, and the
 * pipeline counts both alike.
 */
class ContractVersionsIT {

    /** The contracts as they were before the current version, kept for the compatibility tests. */
    static final Path PREVIOUS = Path.of("..", "registry", "src", "test", "resources", "previous");

    private static final String PROVINCE = "XV";
    private static final String OLD_SCHOOL = "XV-OLD-01";
    private static final String NEW_SCHOOL = "XV-NEW-01";

    @TempDir
    Path stateDir;

    @Test
    void shouldCountEventsOfThePreviousAndTheCurrentContractAlike() throws Exception {
        // Given the embedded platform and a school system that still writes the previous contracts
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0"));
        final Instant heldAt = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (Platform platform = Platform.start(config);
             KafkaProducer<String, Object> previousWriter = previousWriter(platform);
             EventPublisher publisher = new EventPublisher(
                     PublisherConfig.of(platform.bootstrapServers(), platform.schemaRegistryUrl()));
             IndicatorsApp app = new IndicatorsApp(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                     "contract-versions-it", stateDir)) {

            // When it writes a school, a roster change and a session with the previous schemas (version 1 of each subject) ...
            send(previousWriter, Topics.SCHOOLS, OLD_SCHOOL, previousSchool(OLD_SCHOOL));
            send(previousWriter, Topics.STAFF_EVENTS, OLD_SCHOOL, previousStaffJoined("old-staff-1", "NV-OLD-1", heldAt));
            send(previousWriter, Topics.TRAINING_EVENTS, OLD_SCHOOL, previousSession("old-session-1", "S-OLD-1", heldAt));
            // ... the publisher writes the same kinds with the current ones, using their new fields (version 2) ...
            publisher.publish(currentSchool(NEW_SCHOOL)).get();
            publisher.publish(currentStaff("new-staff-1", "NV-NEW-1", StaffAction.JOINED, null, heldAt)).get();
            publisher.publish(currentStaff("new-staff-2", "NV-NEW-1", StaffAction.TEAM_JOINED, "XV-C01",
                    heldAt.plusSeconds(3600))).get();
            publisher.publish(currentSession("new-session-1", "S-NEW-1", heldAt)).get();
            // ... and the old system goes on writing the previous version after the current one is registered
            send(previousWriter, Topics.STAFF_EVENTS, OLD_SCHOOL, previousStaffJoined("old-staff-2", "NV-OLD-2", heldAt));
            send(previousWriter, Topics.TRAINING_EVENTS, OLD_SCHOOL, previousSession("old-session-2", "S-OLD-2", heldAt));
            app.start();

            // Then each subject holds both versions ...
            for (final Topic<String, ?> topic : List.of(Topics.SCHOOLS, Topics.STAFF_EVENTS, Topics.TRAINING_EVENTS)) {
                assertThat(versions(platform, topic.name() + "-value")).as(topic.name()).isEqualTo("[1,2]");
            }
            // ... and the province counts the events of both versions
            final Map<String, IndicatorSet> latest = new HashMap<>();
            try (KafkaConsumer<String, IndicatorSet> consumer = indicatorReader(platform)) {
                consumer.subscribe(List.of(Topics.PROVINCE_INDICATORS.name(), Topics.SCHOOL_INDICATORS.name()));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), record.value()));
                    assertThat(latest).containsKeys(PROVINCE, OLD_SCHOOL, NEW_SCHOOL);
                    final IndicatorSet province = latest.get(PROVINCE);
                    assertThat(count(province, "schools.total")).isEqualTo(2);
                    assertThat(count(province, "staff.active")).isEqualTo(3);
                    assertThat(count(province, "training.sessions.total")).isEqualTo(3);
                    assertThat(count(latest.get(OLD_SCHOOL), "staff.active")).isEqualTo(2);
                    assertThat(count(latest.get(OLD_SCHOOL), "training.sessions.total")).isEqualTo(2);
                    assertThat(count(latest.get(NEW_SCHOOL), "staff.active")).isEqualTo(1);
                    assertThat(count(latest.get(NEW_SCHOOL), "training.sessions.total")).isEqualTo(1);
                    // the new fields count where they were written; the previous records read them as their defaults
                    assertThat(count(province, "staff.community_team")).isEqualTo(1);
                    assertThat(count(province, "schools.with_wifi")).isEqualTo(1);
                    assertThat(count(latest.get(OLD_SCHOOL), "schools.with_wifi")).isZero();
                });
            }
        }
    }

    private static KafkaProducer<String, Object> previousWriter(final Platform platform) {
        final Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, platform.schemaRegistryUrl());
        final AvroSerializer values = new AvroSerializer();
        values.configure(props, false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    private static void send(final KafkaProducer<String, Object> producer, final Topic<String, ?> topic,
                             final String key, final GenericRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    }

    static Schema previous(final String name) throws IOException {
        return new Schema.Parser().parse(PREVIOUS.resolve(name + ".avsc").toFile());
    }

    private static GenericRecord previousSchool(final String schoolId) throws IOException {
        final Schema schema = previous("School");
        assertThat(schema.getField("wifiCoverage")).as("the previous School has no wifiCoverage").isNull();
        final GenericRecord school = new GenericData.Record(schema);
        school.put("schoolId", schoolId);
        school.put("name", "School on the previous contract");
        school.put("level", new GenericData.EnumSymbol(schema.getField("level").schema(), "PRIMARY"));
        school.put("communeId", "XV-C01");
        school.put("communeName", "Commune 1");
        school.put("districtId", "XV-D1");
        school.put("districtName", "District 1");
        school.put("districtIsFormer", false);
        school.put("provinceId", PROVINCE);
        school.put("provinceName", "Test province");
        school.put("learnersEnrolled", 300);
        school.put("internet", new GenericData.EnumSymbol(schema.getField("internet").schema(), "WIFI_BROADBAND"));
        school.put("internetForTeaching", true);
        school.put("effectiveFrom", (int) LocalDate.of(2024, 9, 1).toEpochDay());
        return school;
    }

    private static GenericRecord previousStaffJoined(final String eventId, final String staffId, final Instant at)
            throws IOException {
        final Schema schema = previous("StaffEvent");
        assertThat(schema.getField("teamCommuneId")).as("the previous StaffEvent has no teamCommuneId").isNull();
        final GenericRecord event = new GenericData.Record(schema);
        event.put("eventId", eventId);
        event.put("staffId", staffId);
        event.put("schoolId", OLD_SCHOOL);
        event.put("role", new GenericData.EnumSymbol(schema.getField("role").schema(), "TEACHER"));
        event.put("action", new GenericData.EnumSymbol(schema.getField("action").schema(), "JOINED"));
        event.put("occurredAt", at.toEpochMilli());
        return event;
    }

    private static GenericRecord previousSession(final String eventId, final String sessionId, final Instant at)
            throws IOException {
        final Schema schema = previous("TrainingEvent");
        assertThat(schema.getField("contents")).as("the previous TrainingEvent has no contents").isNull();
        final GenericRecord event = new GenericData.Record(schema);
        event.put("eventId", eventId);
        event.put("schoolId", OLD_SCHOOL);
        event.put("sessionId", sessionId);
        event.put("topic", new GenericData.EnumSymbol(schema.getField("topic").schema(), "STUDENT_DIGITAL_SKILLS"));
        event.put("audience", new GenericData.EnumSymbol(schema.getField("audience").schema(), "STUDENTS"));
        event.put("participantCount", 30);
        event.put("staffIds", List.of());
        event.put("hours", 1.5);
        event.put("occurredAt", at.toEpochMilli());
        event.put("action", null);
        return event;
    }

    private static School currentSchool(final String schoolId) {
        return School.newBuilder()
                .setSchoolId(schoolId).setName("School on the current contract").setLevel(SchoolLevel.LOWER_SECONDARY)
                .setCommuneId("XV-C01").setCommuneName("Commune 1").setDistrictId("XV-D1").setDistrictName("District 1")
                .setProvinceId(PROVINCE).setProvinceName("Test province").setLearnersEnrolled(400)
                .setInternet(Connectivity.WIFI_BROADBAND).setInternetForTeaching(true).setWifiCoverage(true)
                .setEffectiveFrom(LocalDate.of(2024, 9, 1))
                .build();
    }

    private static StaffEvent currentStaff(final String eventId, final String staffId, final StaffAction action,
                                           final String teamCommuneId, final Instant at) {
        return StaffEvent.newBuilder()
                .setEventId(eventId).setStaffId(staffId).setSchoolId(NEW_SCHOOL).setRole(StaffRole.IT_TEACHER)
                .setAction(action).setTeamCommuneId(teamCommuneId).setOccurredAt(at)
                .build();
    }

    private static TrainingEvent currentSession(final String eventId, final String sessionId, final Instant at) {
        return TrainingEvent.newBuilder()
                .setEventId(eventId).setSchoolId(NEW_SCHOOL).setSessionId(sessionId)
                .setTopic(TrainingTopic.STUDENT_DIGITAL_SKILLS).setAudience(Audience.STUDENTS).setParticipantCount(25)
                .setHours(1.5).setOccurredAt(at)
                .setContents(List.of(TrainingContent.ONLINE_PUBLIC_SERVICES, TrainingContent.CYBERSPACE_SELF_PROTECTION))
                .setTrainerStaffId("NV-NEW-1").setTrainerKind(TrainerKind.IT_TEACHER)
                .build();
    }

    /** The subject's versions as the registry's REST API lists them, e.g. {@code [1,2]}. */
    static String versions(final Platform platform, final String subject) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(platform.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replace(" ", "");
    }

    static KafkaConsumer<String, IndicatorSet> indicatorReader(final Platform platform) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "contract-versions-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                SpecificAvroSerde.of(IndicatorSet.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        platform.schemaRegistryUrl()), false).deserializer());
    }

    static long count(final IndicatorSet set, final String indicator) {
        return Math.round(set.getIndicators().get(indicator).getNumerator());
    }
}
