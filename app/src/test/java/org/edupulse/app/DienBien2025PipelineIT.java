package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.simulate.DienBienGeography;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.UnitFigures;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference case end to end: the calibrated Điện Biên 2025 history (about 100,000 events with
 * transfers, revocations, retirements, duplicates and late events) through the real pipeline with
 * exactly-once reproduces the figures the department published, for the province and for Mường Ảng.
 */
class DienBien2025PipelineIT {

    private static final long SEED = 2025L;

    @TempDir
    Path stateDir;

    @Test
    void shouldReproduceThePublishedFiguresExactly() throws Exception {
        // Given the embedded platform, the pipeline, and the published history
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.KAFKA_PORT, "0", EduPulseConfig.REGISTRY_PORT, "0"));
        final ExpectedFigures expected = ExpectedFigures.of(new HistoryGenerator().history(Profile.DIEN_BIEN_2025, SEED));
        try (Platform platform = Platform.start(config);
             IndicatorsApp app = new IndicatorsApp(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                     "dien-bien-it", stateDir);
             EventPublisher publisher = new EventPublisher(
                     PublisherConfig.of(platform.bootstrapServers(), platform.schemaRegistryUrl()))) {
            app.start();
            new SimulationRunner(publisher, Profile.DIEN_BIEN_2025, SEED).publishHistory();

            // When the province and district indicator sets settle, Then they hold the published figures
            final Map<String, IndicatorSet> latest = new HashMap<>();
            try (KafkaConsumer<String, IndicatorSet> consumer = consumer(platform, IndicatorSet.class,
                    "dien-bien-it-reader")) {
                consumer.subscribe(List.of(Topics.PROVINCE_INDICATORS.name(), Topics.DISTRICT_INDICATORS.name(),
                        Topics.COMMUNE_INDICATORS.name(), Topics.SCHOOL_INDICATORS.name()));
                // The history takes the pipeline about 3 minutes on two idle cores (about 600-800 events/s, see
                // BENCHMARKS "Session 10: aggregate"); a loaded machine needs more: the wait ends as soon as it holds.
                await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), record.value()));
                    assertThat(latest).containsKeys("DB", "DB-MA");
                    assertPublishedFigures(latest, expected);
                    // ... and the communes of the two-tier province add up to it
                    assertThat(latest.values().stream().filter(set -> set.getLevel() == UnitLevel.COMMUNE)
                            .mapToLong(set -> count(set, "staff.active")).sum()).isEqualTo(15_614);
                });
            }

            // ... and the calendar periods: Mường Ảng's monthly certification share ends at 75 % in November
            // 2025, and the province's sessions of all months add up to its sessions of all time (the live
            // total once it equals the independent fold's: read any earlier, it could still be short)
            final long sessionsTotal = count(latest.get("DB"), "training.sessions.total");
            final Map<String, PeriodIndicators> periods = new HashMap<>();
            try (KafkaConsumer<String, PeriodIndicators> consumer = consumer(platform, PeriodIndicators.class,
                "dien-bien-it-periods")) {
                consumer.subscribe(List.of(Topics.INDICATOR_PERIODS.name()));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> periods.put(record.key(), record.value()));
                    final PeriodIndicators november = periods.get(Topics.periodKey("DB-MA", PeriodGrain.MONTH, "2025-11"));
                    assertThat(november).isNotNull();
                    assertThat(november.getIndicators().get("staff.it_certified.share").getNumerator()).isEqualTo(630);
                    assertThat(november.getIndicators().get("staff.it_certified.share").getValue()).isEqualTo(75.0);
                    assertThat(periods.values().stream()
                            .filter(p -> p.getUnitId().equals("DB") && p.getGrain() == PeriodGrain.MONTH)
                            .mapToLong(p -> Math.round(p.getIndicators().get("training.sessions").getNumerator())).sum())
                            .isEqualTo(sessionsTotal);
                    // ... with at least four years of months for the province and every former district
                    for (final String unit : expected.districts().keySet()) {
                        assertThat(periods.values().stream().filter(p -> p.getUnitId().equals(unit)
                                && p.getGrain() == PeriodGrain.MONTH).count()).as(unit).isGreaterThanOrEqualTo(48);
                    }
                    assertThat(periods.values().stream().filter(p -> p.getUnitId().equals("DB")
                            && p.getGrain() == PeriodGrain.MONTH).count()).isGreaterThanOrEqualTo(48);
                });
            }
        }
    }


    private static void assertPublishedFigures(final Map<String, IndicatorSet> latest, final ExpectedFigures expected) {
        // Then the province publishes the department's figures ...
        final IndicatorSet province = latest.get("DB");
        assertThat(count(province, "staff.active")).isEqualTo(15_614);
        assertThat(count(province, "staff.it_teachers")).isEqualTo(315);
        assertThat(province.getIndicators().get("staff.it_certified.share").getNumerator()).isEqualTo(13_194);
        assertThat(province.getIndicators().get("staff.it_certified.share").getValue()).isCloseTo(84.50, within(0.005));
        assertThat(count(province, "training.sessions.total")).isGreaterThan(14_400)
                .isEqualTo(expected.province().trainingSessions());
        assertThat(count(province, "devices.tablets.with_sim")).isEqualTo(5_000);
        assertThat(count(province, "devices.tablets.in_service") - 5_000).isBetween(12_900L, 12_999L);
        assertThat(count(province, "devices.tablets.purchased")).isEqualTo(12_946);
        assertThat(count(province, "devices.computers.in_service")).isEqualTo(12_605);
        assertThat(count(province, "devices.computers.office")).isGreaterThan(3_100);
        assertThat(count(province, "devices.computers.teaching")).isBetween(9_400L, 9_499L);

        // ... Sa Lông's sponsored tablets, by programme, at school level ...
        final IndicatorSet saLong = latest.values().stream()
                .filter(set -> set.getUnitName().equals(DienBienGeography.SA_LONG_SCHOOL_NAME)).findFirst().orElseThrow();
        assertThat(saLong.getBreakdowns()).isNotNull();
        final double saLongSponsored = saLong.getBreakdowns().get(IndicatorCatalog.SPONSORED_BY_PROGRAMME)
                .get(DienBienGeography.TABLETS_FOR_CHILDREN).getNumerator();
        assertThat(saLongSponsored).isGreaterThan(80).isEqualTo(expected.sponsoredTabletsInService(saLong.getUnitId()));

        // ... and every figure equals the independent fold over the same events
        final UnitFigures p = expected.province();
        assertThat(count(province, "staff.it_degree_teachers")).isEqualTo(p.itTeachersWithItDegree());
        assertThat(count(province, "staff.community_team")).isPositive().isEqualTo(p.communityTeamStaff());
        assertThat(count(province, "devices.computers.office")).isEqualTo(p.computers(DevicePurpose.OFFICE));
        assertThat(count(province, "devices.computers.teaching")).isEqualTo(p.computers(DevicePurpose.TEACHING));
        assertThat(count(province, "devices.sponsored.in_service")).isEqualTo(p.sponsoredDevicesInService());
        assertThat(province.getIndicators().get("schools.with_internet.share").getNumerator())
                .isEqualTo(p.schoolsWithInternetForTeaching());
        assertThat(province.getIndicators().get("schools.with_internet.share").getDenominator())
                .isEqualTo(p.schools());
        assertThat(province.getIndicators().get("learners.per_teaching_computer").getNumerator())
                .isEqualTo(p.learnersEnrolled());

        // ... and Mường Ảng its own: 840 staff, 75 % certified, 22 IT teachers with an IT degree
        final IndicatorSet muongAng = latest.get("DB-MA");
        assertThat(muongAng.getUnitName()).isEqualTo("Mường Ảng");
        assertThat(muongAng.getIndicators().get("staff.it_certified.share").getNumerator()).isEqualTo(630);
        assertThat(muongAng.getIndicators().get("staff.it_certified.share").getValue()).isEqualTo(75.0);
        assertThat(count(muongAng, "staff.it_degree_teachers")).isEqualTo(22);
        for (final Map.Entry<String, UnitFigures> district : expected.districts().entrySet()) {
            assertThat(count(latest.get(district.getKey()), "staff.active"))
                    .as(district.getKey()).isEqualTo(district.getValue().activeStaff());
            assertThat(count(latest.get(district.getKey()), "staff.community_team"))
                    .as(district.getKey()).isEqualTo(district.getValue().communityTeamStaff());
        }
    }

    private static org.assertj.core.data.Offset<Double> within(final double tolerance) {
        return org.assertj.core.data.Offset.offset(tolerance);
    }

    private static long count(final IndicatorSet set, final String indicator) {
        return Math.round(set.getIndicators().get(indicator).getNumerator());
    }

    private static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(
            final Platform platform, final Class<V> type, final String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                SpecificAvroSerde.of(type, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        platform.schemaRegistryUrl()), false).deserializer());
    }
}
