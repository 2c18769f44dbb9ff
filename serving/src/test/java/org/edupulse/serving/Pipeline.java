package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.School;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.LiveEventSource;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.simulate.UnitFigures;
import org.edupulse.streams.TestApplication;
import org.edupulse.topics.Topics;

/**
 * One real in-JVM broker and schema registry for every integration test of the module, with the
 * topics provisioned and the small simulator profile's history published once; each test runs its
 * own Streams application (its own application id) over that data. Closed by JUnit at the end of
 * the run, through the root extension store.
 */
final class Pipeline implements AutoCloseable {

    static final long SEED = 2025L;
    /** Districts of the province (the pre-July-2025 district-level units). */
    static final int DISTRICTS = 10;
    /**
     * How long a new Streams application may take to work through the history before a test gives
     * up: a bound on a wait, not a speed target (alone here it settles in about 30 s, beside the
     * module's other test JVM in 55-75 s; 60 s ran out once in CI).
     */
    static final Duration SETTLE = Duration.ofMinutes(3);

    private final EmbeddedKafka kafka;
    private final SchemaRegistryServer registry;
    private final EventPublisher publisher;
    private final Map<String, String> districtOfSchool = new HashMap<>();
    private final Map<String, List<School>> schoolRecords = new LinkedHashMap<>();
    private final Map<String, Long> publishedPerTopic = new HashMap<>();
    private UnitFigures expectedProvince;
    private final LiveEventSource live = new LiveEventSource(Profile.SMALL, SEED, Clock.systemUTC());

    private Pipeline(final EmbeddedKafka kafka, final SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
        this.publisher = new EventPublisher(PublisherConfig.of(kafka.bootstrapServers(), registry.url()));
    }

    static Pipeline start() {
        // No initial rebalance delay: every test's Streams application joins its group at once.
        final EmbeddedKafka kafka = EmbeddedKafka.start(0, null, Map.of("group.initial.rebalance.delay.ms", "0"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
        }
        final SchemaRegistryServer registry = SchemaRegistryServer.start(
                RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0));
        final Pipeline pipeline = new Pipeline(kafka, registry);
        pipeline.publishHistory();
        return pipeline;
    }

    private void publishHistory() {
        final List<SimulatedEvent> history = new HistoryGenerator().events(Profile.SMALL, SEED);
        final List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>(history.size());
        for (final SimulatedEvent event : history) {
            if (event.value() instanceof School school) {
                districtOfSchool.put(school.getSchoolId(), school.getDistrictId());
                schoolRecords.computeIfAbsent(school.getSchoolId(), id -> new ArrayList<>()).add(school);
            }
            sent.add(publisher.send(event.value()));
        }
        publisher.flush();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        expectedProvince = ExpectedFigures.of(history).province();
        history.forEach(event -> publishedPerTopic.merge(event.topic().name(), 1L, Long::sum));
    }

    /** How many records the history put on {@code topic}. */
    long published(final String topic) {
        return publishedPerTopic.getOrDefault(topic, 0L);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    ServingConfig servingConfig() {
        return ServingConfig.defaults(bootstrapServers(), registryUrl()).withPort(0);
    }

    /** A Streams instance of the indicators topology as the tests run it ({@link TestApplication}), not started. */
    KafkaStreams streams(final String applicationId, final Path stateDir, final Map<String, Object> overrides) {
        final Properties props = TestApplication.properties(applicationId, bootstrapServers(), registryUrl(), stateDir);
        props.putAll(overrides);
        return TestApplication.streams(props);
    }

    /** Publishes the next live training session (stamped now) and returns it; each call a new session. */
    synchronized TrainingEvent publishTrainingSession() throws Exception {
        while (true) {
            final SimulatedEvent event = live.next();
            if (event.value() instanceof TrainingEvent training) {
                publisher.send(training).get(10, TimeUnit.SECONDS);
                return training;
            }
        }
    }

    /**
     * Publishes a tablet received now by {@code schoolId} from the sponsorship programme {@code programme},
     * in service (loaned to students); returns its device id.
     */
    synchronized String publishSponsoredTablet(final String schoolId, final String programme) throws Exception {
        final String deviceId = "IT-TAB-" + UUID.randomUUID();
        publisher.send(DeviceEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId(deviceId)
                .setSchoolId(schoolId).setType(DeviceType.TABLET).setPurpose(DevicePurpose.STUDENT_LOAN)
                .setHas4gSim(false).setAction(DeviceAction.RECEIVED).setSource(DeviceSource.SPONSORSHIP)
                .setProgramme(programme).setOccurredAt(Instant.now()).build()).get(10, TimeUnit.SECONDS);
        return deviceId;
    }

    /**
     * Waits until the query API at {@code baseUrl} lists every district and its province shows the
     * history's staff and computers, i.e. the Streams instance behind it has worked through the history.
     */
    void awaitSettled(final String baseUrl) {
        // untilAsserted: a timeout says what the API last answered, not only that the condition was false.
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            final HttpResponse<String> districts = Http.get(baseUrl + "/api/v1/districts");
            final HttpResponse<String> provinces = Http.get(baseUrl + "/api/v1/provinces");
            assertThat(districts.statusCode()).as("status of /api/v1/districts, %s", districts.body()).isEqualTo(200);
            assertThat(provinces.statusCode()).as("status of /api/v1/provinces, %s", provinces.body()).isEqualTo(200);
            assertThat(Http.json(districts)).as("districts listed").hasSize(DISTRICTS);
            assertThat(Http.json(provinces)).as("provinces listed").hasSize(1);
            final JsonNode indicators = Http.json(provinces).get(0).get("indicators");
            assertThat(indicators.get("staff.active").get("value").asLong()).as("the province's staff.active")
                    .isEqualTo(expectedProvince.activeStaff());
            assertThat(indicators.get("devices.computers.in_service").get("value").asLong())
                    .as("the province's devices.computers.in_service").isEqualTo(expectedProvince.computersInService());
        });
    }

    /**
     * Renames a district the way reference data can: a correction of one school's version in force
     * (same school, same effective date, another {@code districtName}; since the 2025 reform every
     * school has several versions). The district's published name follows the latest school
     * contribution, so it shows {@code name} until another school of the district changes. Returns
     * the district's id.
     */
    synchronized String renameADistrict(final String name) throws Exception {
        final School school = schoolRecords.values().stream().findFirst()
                .map(records -> records.stream().max(Comparator.comparing(School::getEffectiveFrom)).orElseThrow())
                .orElseThrow(() -> new IllegalStateException("the history has no school record"));
        publisher.publish(School.newBuilder(school).setDistrictName(name).build()).get(10, TimeUnit.SECONDS);
        return school.getDistrictId();
    }

    String districtOf(final String schoolId) {
        return districtOfSchool.get(schoolId);
    }

    @Override
    public void close() {
        publisher.close();
        registry.close();
        kafka.close();
    }
}
