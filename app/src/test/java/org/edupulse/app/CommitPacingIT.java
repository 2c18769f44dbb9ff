package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.simulate.Profile;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline commits soon while live and seldom while it catches up, on a real broker under
 * exactly-once: a live event reaches the published district figures within a few live intervals even
 * when the catch-up interval is the longest allowed, and a backlog is read with commits at the catch-up
 * interval, not at every loop.
 */
class CommitPacingIT {

    private static final String DISTRICT = "XP-D1";

    @TempDir
    Path stateDir;

    private Platform platform;
    private EventPublisher publisher;

    @BeforeEach
    void startPlatform() {
        platform = Platform.start(EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0")));
        publisher = new EventPublisher(PublisherConfig.of(platform.bootstrapServers(), platform.schemaRegistryUrl()));
    }

    @AfterEach
    void stopPlatform() {
        publisher.close();
        platform.close();
    }

    @Test
    void shouldPublishALiveEventAfterLiveIntervalsEvenWithTheLongestCatchUpInterval() throws Exception {
        // Given a pipeline that would commit only every 5 s while catching up, and a school it has published
        try (IndicatorsApp app = new IndicatorsApp(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                "commit-pacing-live", stateDir, Map.of(IndicatorsApp.CATCH_UP_COMMIT_INTERVAL_MS,
                        IndicatorsApp.MAX_CATCH_UP_COMMIT_INTERVAL_MS));
             KafkaConsumer<String, IndicatorSet> districts = districtReader()) {
            app.start();
            publisher.publish(school()).get();
            final Map<String, IndicatorSet> latest = new HashMap<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                districts.poll(Duration.ofMillis(200)).forEach(record -> latest.put(record.key(), record.value()));
                assertThat(latest).containsKey(DISTRICT);
            });
            assertThat(staff(latest.get(DISTRICT))).isZero();

            // When a teacher joins the school
            publisher.publish(StaffEvent.newBuilder().setEventId("pacing-1").setStaffId("XP-NV-1")
                    .setSchoolId("XP-SCH-1").setRole(StaffRole.TEACHER).setAction(StaffAction.JOINED)
                    .setOccurredAt(Instant.now()).build()).get();

            // Then the district's published figures count her within 4 s: the event crosses three repartition
            // steps and the output, each readable only once its transaction commits; at the 5 s catch-up interval
            // that would take at least 15 s, at the live 20 ms a fraction of a second
            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                districts.poll(Duration.ofMillis(100)).forEach(record -> latest.put(record.key(), record.value()));
                assertThat(staff(latest.get(DISTRICT))).isEqualTo(1);
            });
            assertThat(app.live()).isTrue();
        }
    }

    @Test
    void shouldCommitAtTheCatchUpIntervalWhileReadingABacklog() throws Exception {
        // Given a backlog: the reference province's history, published before the pipeline starts
        new SimulationRunner(publisher, Profile.DIEN_BIEN_2025, 2025L).publishHistory();
        try (IndicatorsApp app = new IndicatorsApp(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                "commit-pacing-backlog", stateDir)) {

            // When the pipeline reads it
            app.start();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(
                    () -> app.streams().state() == KafkaStreams.State.RUNNING && !app.live() && processed(app) > 0);
            final double commitsBefore = threadTotal(app, "commit-total");
            final double processedBefore = processed(app);
            final long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> processed(app) >= processedBefore + 100_000);
            final double seconds = (System.nanoTime() - started) / 1e9;
            final double commits = threadTotal(app, "commit-total") - commitsBefore;

            // Then, while it was catching up, it committed about once per catch-up interval (1 s), not at every
            // loop of the stream thread as the live 20 ms would (tens of times a second)
            assertThat(app.live()).as("still catching up at the end of the window").isFalse();
            assertThat(commits).as("%.0f commits in %.1f s", commits, seconds)
                    .isLessThanOrEqualTo(seconds * 1.5 + 2);
        }
    }

    /** A stream-thread metric summed over the client's threads. */
    private static double threadTotal(final IndicatorsApp app, final String metric) {
        return app.streams().metrics().entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(metric)
                        && entry.getKey().group().equals("stream-thread-metrics"))
                .mapToDouble(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                .sum();
    }

    private static double processed(final IndicatorsApp app) {
        return threadTotal(app, "process-total");
    }

    private static long staff(final IndicatorSet set) {
        return Math.round(set.getIndicators().get("staff.active").getNumerator());
    }

    private static School school() {
        return School.newBuilder()
                .setSchoolId("XP-SCH-1").setName("School of the pacing test").setLevel(SchoolLevel.PRIMARY)
                .setCommuneId("XP-C01").setCommuneName("Commune 1").setDistrictId(DISTRICT)
                .setDistrictName("District 1").setProvinceId("XP").setProvinceName("Test province")
                .setLearnersEnrolled(250).setInternet(Connectivity.FIXED_BROADBAND).setInternetForTeaching(true)
                .setEffectiveFrom(LocalDate.of(2024, 9, 1))
                .build();
    }

    private KafkaConsumer<String, IndicatorSet> districtReader() {
        final KafkaConsumer<String, IndicatorSet> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "commit-pacing-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                SpecificAvroSerde.of(IndicatorSet.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        platform.schemaRegistryUrl()), false).deserializer());
        consumer.subscribe(List.of(Topics.DISTRICT_INDICATORS.name()));
        return consumer;
    }
}
