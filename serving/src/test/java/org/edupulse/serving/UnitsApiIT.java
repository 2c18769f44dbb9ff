package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.ProvinceCalendar;
import org.edupulse.streams.TestApplication;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/units} on a broker of its own (the shared {@link Pipeline}'s province must keep its
 * ten districts for the other tests): two schools of two communes of one district, one of them moved
 * to a merged commune by a version effective 2025-07-01, a few staff events, the real topology and a
 * query server. The topology does not write the periods topic yet, so the test writes
 * {@code PeriodIndicators} records itself, for a unit of its own, and reads them back through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitsApiIT {

    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final String PERIOD_UNIT = "IT-PERIODS";
    private static final String SHARE = "staff.it_certified.share";

    private EmbeddedKafka kafka;
    private SchemaRegistryServer registry;
    private QueryServer server;
    private KafkaStreams streams;

    @BeforeAll
    void start(@TempDir final Path stateDir) throws Exception {
        kafka = EmbeddedKafka.start(0, null, Map.of("group.initial.rebalance.delay.ms", "0"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
        }
        registry = SchemaRegistryServer.start(RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0));
        try (EventPublisher publisher = new EventPublisher(PublisherConfig.of(kafka.bootstrapServers(),
                registry.url()))) {
            // S1 in Ang Cang and S2 in Ang Nua, of district Muong Ang; on 1 July 2025 S1 moves to the merged
            // commune and the district becomes a former one (a grouping)
            publisher.publish(school("IT-S1", "IT-C-ANGCANG", "Ang Cang", false, LocalDate.of(2021, 1, 1)))
                    .get(10, TimeUnit.SECONDS);
            publisher.publish(school("IT-S2", "IT-C-ANGNUA", "Ang Nua", false, LocalDate.of(2021, 1, 1)))
                    .get(10, TimeUnit.SECONDS);
            publisher.publish(school("IT-S1", "IT-C-MERGED", "Mường Ảng (merged)", true, REFORM))
                    .get(10, TimeUnit.SECONDS);
            publisher.publish(school("IT-S2", "IT-C-ANGNUA", "Ang Nua", true, REFORM)).get(10, TimeUnit.SECONDS);
            publisher.publish(staff("it-e1", "it-p1", "IT-S1", local("2024-03-01T08:00"))).get(10, TimeUnit.SECONDS);
            publisher.publish(staff("it-e2", "it-p2", "IT-S2", local("2024-03-01T08:00"))).get(10, TimeUnit.SECONDS);
            publisher.publish(staff("it-e3", "it-p3", "IT-S1", local("2025-07-02T08:00"))).get(10, TimeUnit.SECONDS);
        }
        server = QueryServer.bind(ServingConfig.defaults(kafka.bootstrapServers(), registry.url()).withPort(0));
        streams = streams(stateDir, server.streamsProperties());
        server.attach(streams);
        streams.start();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldListTheCommunesAsOfEachSideOfTheReform() {
        // When
        final JsonNode before = awaitJson("/api/v1/units?level=COMMUNE&asOf=2025-06-30");
        final JsonNode after = awaitJson("/api/v1/units?level=COMMUNE&asOf=2025-07-01");
        final JsonNode schoolsBefore = awaitJson("/api/v1/units?level=SCHOOL&parent=IT-C-ANGCANG&asOf=2025-06-30");
        final JsonNode districtAfter = awaitJson("/api/v1/units?level=DISTRICT&asOf=2025-07-01",
                json -> json.path("units").path(0).path("schools").asInt() == 2);

        // Then
        assertThat(before.get("asOf").asText()).isEqualTo("2025-06-30");
        assertThat(ids(before)).containsExactly("IT-C-ANGCANG", "IT-C-ANGNUA");
        assertThat(ids(after)).containsExactly("IT-C-ANGNUA", "IT-C-MERGED");
        final JsonNode merged = after.get("units").get(1);
        assertThat(merged.get("name").asText()).isEqualTo("Mường Ảng (merged)");
        assertThat(merged.get("parentId").asText()).isEqualTo("IT-DB");
        assertThat(merged.get("parentName").asText()).isEqualTo("Điện Biên");
        assertThat(merged.get("schools").asInt()).isEqualTo(1);
        assertThat(merged.get("href").asText()).isEqualTo("/api/v1/units/IT-C-MERGED");
        assertThat(ids(schoolsBefore)).containsExactly("IT-S1");
        assertThat(districtAfter.get("units").get(0).get("grouping").asBoolean()).isTrue();
        assertThat(districtAfter.get("units").get(0).get("schools").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRefuseABadLevelOrDateAndAnUnknownParent() {
        // When
        final HttpResponse<String> level = Http.get(server.url() + "/api/v1/units?level=HAMLET");
        final HttpResponse<String> date = Http.get(server.url() + "/api/v1/units?asOf=30/06/2025");
        final HttpResponse<String> parent = awaitNotUnavailable("/api/v1/units?parent=IT-NOWHERE");

        // Then
        assertThat(level.statusCode()).isEqualTo(400);
        assertThat(Http.json(level).get("message").asText()).contains("level");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(Http.json(date).get("message").asText()).contains("asOf");
        assertThat(parent.statusCode()).isEqualTo(404);
        assertThat(Http.json(parent).get("message").asText()).contains("IT-NOWHERE");
    }

    @Test
    void shouldAnswerEverySchoolAndEveryLevelAtUnits() {
        // When: the topology has published the school under its commune in force
        final JsonNode school = awaitJson("/api/v1/units/IT-S1", json -> "IT-C-MERGED".equals(json.path("parentId")
                .asText()) && json.at("/indicators/staff.active/value").asInt() == 2);
        final JsonNode commune = awaitJson("/api/v1/units/IT-C-ANGNUA");
        // (the district is published first as its 2021 versions place it, then as a grouping once the
        // versions of 1 July 2025 are in: the flag is awaited, and would time out if it never came)
        final JsonNode district = awaitJson("/api/v1/units/IT-D-MA", json -> json.path("grouping").asBoolean());
        final JsonNode province = awaitJson("/api/v1/units/IT-DB");
        final HttpResponse<String> unknown = Http.get(server.url() + "/api/v1/units/IT-NOWHERE");
        final HttpResponse<String> districts = Http.get(server.url() + "/api/v1/districts");

        // Then
        assertThat(school.get("level").asText()).isEqualTo("SCHOOL");
        assertThat(school.get("unitName").asText()).isEqualTo("School IT-S1");
        assertThat(school.get("districtId").asText()).isEqualTo("IT-D-MA");
        assertThat(commune.get("level").asText()).isEqualTo("COMMUNE");
        assertThat(district.get("level").asText()).isEqualTo("DISTRICT");
        assertThat(district.get("grouping").asBoolean()).isTrue();
        assertThat(province.get("level").asText()).isEqualTo("PROVINCE");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Http.json(unknown).get("message").asText()).contains("IT-NOWHERE");
        assertThat(districts.statusCode()).isEqualTo(200);
        assertThat(Http.json(districts).findValuesAsText("unitId")).containsExactly("IT-D-MA");
        assertThat(Http.json(districts).get(0).has("grouping")).as("/districts keeps its shape").isFalse();
    }

    @Test
    void shouldServeTheMonthlySeriesTheTopologyPublishesThroughTheReform() {
        // When: the topology has published the months of the district and of the communes around the merge
        final String months = "/series?indicator=staff.active&grain=month&from=2024-02&to=2025-07";
        final JsonNode district = awaitJson("/api/v1/units/IT-D-MA" + months,
                json -> json.path("points").size() == 18 && json.at("/points/17/value").asInt() == 3);
        final JsonNode merged = awaitJson("/api/v1/units/IT-C-MERGED" + months.replace("2024-02", "2025-06"),
                json -> json.path("points").size() >= 1 && json.at("/points/0/period").asText().equals("2025-07"));
        final JsonNode old = awaitJson("/api/v1/units/IT-C-ANGCANG" + months.replace("2024-02", "2025-06"),
                json -> json.path("points").size() == 2);

        // Then the district's staff are those at each month's end, through the reform
        assertThat(district.at("/points/0/period").asText()).isEqualTo("2024-02");
        assertThat(district.at("/points/0/value").asInt()).isZero();
        assertThat(district.at("/points/1/value").asInt()).isEqualTo(2);
        assertThat(district.at("/points/16/value").asInt()).isEqualTo(2);
        // ... S1's staff count in the merged commune from July (its first month), in Ang Cang until June
        assertThat(merged.at("/points/0/value").asInt()).isEqualTo(2);
        assertThat(old.at("/points/0/value").asInt()).isEqualTo(1);
        assertThat(old.at("/points/1/value").asInt()).isZero();
    }

    @Test
    void shouldServeASeriesWrittenToThePeriodsTopicAsJsonAndCsv() throws Exception {
        // Given: four months of a unit, one of them deleted by a tombstone and one revised
        try (KafkaProducer<String, PeriodIndicators> producer = periodsProducer()) {
            final List<PeriodIndicators> months = new ArrayList<>(List.of(
                    PeriodSeriesTest.record(PERIOD_UNIT, PeriodGrain.MONTH, "2025-10", "2025-10-01", "2025-10-31",
                            620, 840.0, 620 * 100 / 840.0, true),
                    PeriodSeriesTest.record(PERIOD_UNIT, PeriodGrain.MONTH, "2025-08", "2025-08-01", "2025-08-31",
                            0, 0.0, null, true),
                    PeriodSeriesTest.record(PERIOD_UNIT, PeriodGrain.MONTH, "2025-09", "2025-09-01", "2025-09-30",
                            610, 840.0, 610 * 100 / 840.0, true),
                    PeriodSeriesTest.record(PERIOD_UNIT, PeriodGrain.MONTH, "2025-11", "2025-11-01", "2025-11-30",
                            1, 840.0, 1 * 100 / 840.0, false),
                    PeriodSeriesTest.record(PERIOD_UNIT, PeriodGrain.MONTH, "2025-11", "2025-11-01", "2025-11-30",
                            630, 840.0, 75.0, false)));
            for (final PeriodIndicators month : months) {
                producer.send(new ProducerRecord<>(Topics.INDICATOR_PERIODS.name(),
                        Topics.periodKey(PERIOD_UNIT, PeriodGrain.MONTH, month.getPeriod()), month));
            }
            producer.send(new ProducerRecord<>(Topics.INDICATOR_PERIODS.name(),
                    Topics.periodKey(PERIOD_UNIT, PeriodGrain.MONTH, "2025-09"), null));
            producer.flush();
        }

        // When
        final String base = "/api/v1/units/" + PERIOD_UNIT + "/series?indicator=" + SHARE + "&grain=month";
        final JsonNode json = awaitJson(base, body -> body.get("points").size() == 3
                && body.at("/points/2/value").asDouble() == 75.0);
        final JsonNode filtered = awaitJson(base + "&from=2025-09&to=2025-10-31");
        final HttpResponse<String> csv = Http.send(HttpRequest.newBuilder(URI.create(server.url() + base
                + "&from=2025-10")).header("Accept", "text/csv").GET().build());
        final HttpResponse<String> unknownIndicator = Http.get(server.url() + "/api/v1/units/" + PERIOD_UNIT
                + "/series?indicator=no.such&grain=month");
        final HttpResponse<String> noQuarters = Http.get(server.url() + "/api/v1/units/" + PERIOD_UNIT
                + "/series?indicator=" + SHARE + "&grain=quarter");
        final HttpResponse<String> badGrain = Http.get(server.url() + base.replace("grain=month", "grain=week"));

        // Then
        assertThat(json.get("unitId").asText()).isEqualTo(PERIOD_UNIT);
        assertThat(json.get("level").asText()).isEqualTo("DISTRICT");
        assertThat(json.get("indicator").asText()).isEqualTo(SHARE);
        assertThat(json.get("grain").asText()).isEqualTo("MONTH");
        assertThat(json.get("points").findValuesAsText("period")).containsExactly("2025-08", "2025-10", "2025-11");
        assertThat(json.at("/points/0/value").isNull()).isTrue();
        assertThat(json.at("/points/0/undefinedReason").asText()).isNotBlank();
        assertThat(json.at("/points/2/complete").asBoolean()).isFalse();
        assertThat(filtered.get("points").findValuesAsText("period")).containsExactly("2025-10");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body()).isEqualTo("period,start,end,complete,numerator,denominator,value\n"
                + "2025-10,2025-10-01,2025-10-31,true,620,840,73.80952380952381\n"
                + "2025-11,2025-11-01,2025-11-30,false,630,840,75\n");
        assertThat(unknownIndicator.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknownIndicator).get("message").asText()).contains("no.such");
        assertThat(noQuarters.statusCode()).isEqualTo(404);
        assertThat(badGrain.statusCode()).isEqualTo(400);
        assertThat(Http.json(badGrain).get("message").asText()).contains("grain");
    }

    @Test
    void shouldBeReadyOnceTheReadersHaveCaughtUp() {
        // When
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(server.url() + "/health/ready").statusCode() == 200);
        final JsonNode ready = Http.json(Http.get(server.url() + "/health/ready"));

        // Then
        assertThat(ready.at("/readers/school-versions/caughtUp").asBoolean()).isTrue();
        assertThat(ready.at("/readers/indicator-periods/status").asText()).isEqualTo("UP");
    }

    private JsonNode awaitJson(final String pathAndQuery) {
        return awaitJson(pathAndQuery, json -> true);
    }

    /** The body of the first 200 answer to {@code pathAndQuery} that {@code until} accepts. */
    private JsonNode awaitJson(final String pathAndQuery, final Predicate<JsonNode> until) {
        final JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            final HttpResponse<String> response = Http.get(server.url() + pathAndQuery);
            if (response.statusCode() != 200) {
                return false;
            }
            found[0] = Http.json(response);
            return until.test(found[0]);
        });
        return found[0];
    }

    private HttpResponse<String> awaitNotUnavailable(final String pathAndQuery) {
        final List<HttpResponse<String>> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            last.clear();
            last.add(Http.get(server.url() + pathAndQuery));
            return last.get(0).statusCode() != 503;
        });
        return last.get(0);
    }

    private static List<String> ids(final JsonNode list) {
        return list.get("units").findValuesAsText("id");
    }

    private KafkaStreams streams(final Path stateDir, final Map<String, Object> overrides) {
        final Properties props = TestApplication.properties("serving-units-it", kafka.bootstrapServers(),
                registry.url(), stateDir);
        props.putAll(overrides);
        return TestApplication.streams(props);
    }

    private KafkaProducer<String, PeriodIndicators> periodsProducer() {
        final Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), SpecificAvroSerde.of(PeriodIndicators.class,
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()), false).serializer());
    }

    private static School school(final String id, final String communeId, final String communeName,
                                 final boolean former, final LocalDate effectiveFrom) {
        return School.newBuilder()
                .setSchoolId(id)
                .setName("School " + id)
                .setLevel(SchoolLevel.PRIMARY)
                .setCommuneId(communeId)
                .setCommuneName(communeName)
                .setDistrictId("IT-D-MA")
                .setDistrictName("Mường Ảng")
                .setDistrictIsFormer(former)
                .setProvinceId("IT-DB")
                .setProvinceName("Điện Biên")
                .setLearnersEnrolled(120)
                .setInternet(Connectivity.FIXED_BROADBAND)
                .setInternetForTeaching(true)
                .setEffectiveFrom(effectiveFrom)
                .build();
    }

    private static StaffEvent staff(final String eventId, final String staffId, final String schoolId,
                                    final Instant occurredAt) {
        return StaffEvent.newBuilder()
                .setEventId(eventId)
                .setStaffId(staffId)
                .setSchoolId(schoolId)
                .setRole(StaffRole.TEACHER)
                .setAction(StaffAction.JOINED)
                .setOccurredAt(occurredAt)
                .build();
    }

    private static Instant local(final String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ProvinceCalendar.ZONE).toInstant();
    }
}
