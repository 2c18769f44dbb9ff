package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.platform.CommitProgress;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.School;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calendar periods on the real in-JVM broker with the catalog's partitions, where the reference data
 * disagrees about which province a unit is in: three schools are corrected into another province after their
 * staff were counted, and one more school names an existing commune and district under that other province.
 * Each school's, commune's and district's months must still be summed in one place: a step that routed them by
 * the province a school version names (tried in session 28, BENCHMARKS) would sum such a unit in two tasks, and
 * each would publish its part under the same period key. TopologyTestDriver has one partition and cannot show it.
 */
class PeriodsAcrossPartitionsIT {

    private static final Instant HIRED = Instant.parse("2025-01-15T01:00:00Z");
    private static final String MONTH = "2025-02";
    private static final String APPLICATION_ID = "periods-across-partitions-it";

    @TempDir
    Path stateDir;

    @Test
    void aUnitsPeriodsAreItsWholeSumWhenSchoolsDisagreeAboutItsProvince() throws Exception {
        // Given two provinces whose ids fall in different partitions of the catalog's topics
        final int partitions = Topics.STAFF_EVENTS.partitions();
        final String first = "P-1";
        final String second = otherPartition(first, partitions);
        // Schools S1-S6 in commune C1 and district D1 of the first province, school Si with i staff
        final Map<String, School> schools = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            schools.put("S" + i, inUnits(school("S" + i, "D1"), "C1", "D1", first).build());
        }
        // ... then S1-S3 corrected (same effective date) into commune C2 and district D2 of the second province,
        // and S7 naming commune C1 and district D1 under the second province
        final List<School> later = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            later.add(inUnits(school("S" + i, "D2"), "C2", "D2", second).build());
        }
        later.add(inUnits(school("S7", "D1"), "C1", "D1", second).build());

        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
            try (SchemaRegistryServer registry = IndicatorsTopologyIT.startRegistry(kafka.bootstrapServers())) {
                final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
                try (KafkaStreams streams = TestApplication.streams(TestApplication.properties(APPLICATION_ID,
                        kafka.bootstrapServers(), registry.url(), stateDir))) {
                    streams.start();

                    // When the schools, their staff, the corrections, then S7 and its staff are produced in that order,
                    // and the pipeline has committed all they imply
                    produce(kafka.bootstrapServers(), serdeConfig, schools.values(), later);
                    final CommitProgress progress = CommitProgress.toEndsNow(admin, APPLICATION_ID,
                            Topics.INDICATOR_INPUTS.stream().map(Topic::name).toList());
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                            .until(() -> progress.read().caughtUp());

                    // Then, once the periods are quiet, each unit's February 2025 counts all its staff: school Si
                    // its i, each commune and district all its schools', the two provinces all 28 together
                    final Map<String, Double> expected = new LinkedHashMap<>();
                    for (int i = 1; i <= 7; i++) {
                        expected.put("S" + i, (double) i);
                    }
                    expected.put("C1", 4.0 + 5 + 6 + 7);
                    expected.put("D1", 4.0 + 5 + 6 + 7);
                    expected.put("C2", 1.0 + 2 + 3);
                    expected.put("D2", 1.0 + 2 + 3);
                    final Set<String> units = new HashSet<>(expected.keySet());
                    units.addAll(List.of(first, second));
                    final Map<String, Double> staff = quietPeriods(kafka.bootstrapServers(), serdeConfig, units);
                    assertThat(staff).containsAllEntriesOf(expected);
                    assertThat(staff.get(first) + staff.get(second)).as("the two provinces together")
                            .isEqualTo(28.0);
                }
            }
        }
    }

    private static School.Builder inUnits(final School.Builder school, final String commune, final String district,
                                          final String province) {
        return school.setCommuneId(commune).setCommuneName("Commune " + commune).setDistrictName("District " + district)
                .setProvinceId(province).setProvinceName("Province " + province);
    }

    /** A province id that Kafka's default partitioner puts in another partition than {@code province}'s. */
    private static String otherPartition(final String province, final int partitions) {
        for (int i = 2; ; i++) {
            final String candidate = "P-" + i;
            if (partition(candidate, partitions) != partition(province, partitions)) {
                return candidate;
            }
        }
    }

    private static int partition(final String key, final int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void produce(final String bootstrap, final Map<String, Object> serdeConfig,
                                final Iterable<School> schools, final List<School> later) {
        final Map<Class<?>, SpecificAvroSerde<SpecificRecord>> serdes = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (final School school : schools) {
                producer.send(IndicatorsTopologyIT.bytes(serdes, serdeConfig,
                        new ProducerRecord<>(Topics.SCHOOLS.name(), school.getSchoolId(), school)));
            }
            producer.flush();
            for (int i = 1; i <= 6; i++) {
                hire(producer, serdes, serdeConfig, "S" + i, i);
            }
            producer.flush();
            for (final School school : later) {
                producer.send(IndicatorsTopologyIT.bytes(serdes, serdeConfig,
                        new ProducerRecord<>(Topics.SCHOOLS.name(), school.getSchoolId(), school)));
            }
            producer.flush();
            hire(producer, serdes, serdeConfig, "S7", 7);
            producer.flush();
        }
    }

    private static void hire(final KafkaProducer<String, byte[]> producer,
                             final Map<Class<?>, SpecificAvroSerde<SpecificRecord>> serdes,
                             final Map<String, Object> serdeConfig, final String schoolId, final int count) {
        for (int n = 0; n < count; n++) {
            producer.send(IndicatorsTopologyIT.bytes(serdes, serdeConfig, new ProducerRecord<>(
                    Topics.STAFF_EVENTS.name(), schoolId,
                    staff(schoolId + "-e" + n, schoolId + "-s" + n, schoolId, HIRED.plusSeconds(n)).build())));
        }
    }

    /**
     * Reads the periods topic until each of {@code units} has come and nothing new for twice the time a changed
     * unit waits before it is published (the pipeline has committed all its input by then), then gives each unit's latest
     * {@code staff.active} of {@link #MONTH}.
     */
    private static Map<String, Double> quietPeriods(final String bootstrap, final Map<String, Object> serdeConfig,
                                                    final Set<String> units) {
        final Deserializer<PeriodIndicators> periods = SpecificAvroSerde.of(PeriodIndicators.class, serdeConfig, false)
                .deserializer();
        final Map<String, Double> staff = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "periods-across-partitions-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.INDICATOR_PERIODS.name()));
            final long[] lastRecord = {System.nanoTime()};
            final Duration quiet = UnitPeriodsProcessor.FLUSH.multipliedBy(2);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    lastRecord[0] = System.nanoTime();
                    final PeriodIndicators period = periods.deserialize(record.topic(), record.value());
                    if (period.getPeriod().equals(MONTH)) {
                        staff.put(period.getUnitId(), period.getIndicators().get("staff.active").getNumerator());
                    }
                }
                return staff.keySet().containsAll(units) && System.nanoTime() - lastRecord[0] >= quiet.toNanos();
            });
        }
        return staff;
    }
}
