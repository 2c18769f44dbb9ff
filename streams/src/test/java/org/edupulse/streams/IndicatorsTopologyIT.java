package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;
import static org.edupulse.streams.TestData.certification;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on the real in-JVM broker and schema registry with exactly-once v2: a few thousand
 * seeded, mixed events (with re-sends and poison records), every published indicator checked
 * against totals this test computes on its own from the same events.
 */
class IndicatorsTopologyIT {

    private static final long SEED = 20_250_701L;
    private static final int SCHOOLS = 12;
    private static final int DISTRICTS = 4;
    private static final Instant BASE = Instant.parse("2025-05-01T00:00:00Z");
    /** Windows end 20 days after BASE: every session (about a week of event time) is inside all of them. */
    private static final IndicatorsConfig CONFIG = IndicatorsConfig.defaults()
            .withClock(java.time.Clock.fixed(BASE.plus(java.time.Duration.ofDays(20)), java.time.ZoneOffset.UTC));

    @TempDir
    Path stateDir;

    private final Random random = new Random(SEED);
    private final List<ProducerRecord<String, SpecificRecord>> events = new ArrayList<>();
    private final Map<String, School> schools = new LinkedHashMap<>();
    private final Map<String, StaffEvent> staffLatest = new HashMap<>();
    private final Map<String, CertificationEvent> certificationLatest = new HashMap<>();
    private final Map<String, DeviceEvent> deviceLatest = new HashMap<>();
    private final List<TrainingEvent> sessions = new ArrayList<>();
    private Instant clock = BASE;
    private int sequence;

    @Test
    void shouldPublishIndicatorsEqualToIndependentlyComputedTotals() throws Exception {
        // Given a broker, a registry and the topology under exactly-once v2
        generate();
        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
            }
            try (SchemaRegistryServer registry = startRegistry(kafka.bootstrapServers())) {
                final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
                try (KafkaStreams streams = TestApplication.streams(CONFIG,
                        streamsProperties(kafka.bootstrapServers(), registry.url()))) {
                    streams.start();

                    // When the reference data, then every event (with re-sends and poison) is produced
                    produce(kafka.bootstrapServers(), serdeConfig);

                    // Then every district and province indicator equals the independent totals
                    final Map<String, Map<String, double[]>> expected = expectedIndicators();
                    try (KafkaConsumer<String, byte[]> consumer = consumer(kafka.bootstrapServers())) {
                        consumer.subscribe(List.of(Topics.DISTRICT_INDICATORS.name(),
                                Topics.PROVINCE_INDICATORS.name(), Topics.DEAD_LETTER.name()));
                        final Deserializer<IndicatorSet> sets = SpecificAvroSerde.of(IndicatorSet.class, serdeConfig,
                                false).deserializer();
                        final Deserializer<DeadLetter> letters = SpecificAvroSerde.of(DeadLetter.class, serdeConfig,
                                false).deserializer();
                        final Map<String, IndicatorSet> latest = new HashMap<>();
                        final List<DeadLetter> deadLetters = new ArrayList<>();
                        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                            for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                                if (record.topic().equals(Topics.DEAD_LETTER.name())) {
                                    deadLetters.add(letters.deserialize(record.topic(), record.value()));
                                } else {
                                    latest.put(record.key(), sets.deserialize(record.topic(), record.value()));
                                }
                            }
                            assertThat(latest).containsOnlyKeys(expected.keySet());
                            for (final Map.Entry<String, Map<String, double[]>> unit : expected.entrySet()) {
                                final IndicatorSet published = latest.get(unit.getKey());
                                assertThat(published.getCatalogVersion()).isEqualTo(IndicatorCatalog.VERSION);
                                for (final Map.Entry<String, double[]> indicator : unit.getValue().entrySet()) {
                                    final IndicatorValue value = published.getIndicators().get(indicator.getKey());
                                    final double[] want = indicator.getValue();
                                    assertThat(value.getNumerator()).as(unit.getKey() + " " + indicator.getKey())
                                            .isEqualTo(want[0]);
                                    assertThat(value.getDenominator()).as(unit.getKey() + " " + indicator.getKey())
                                            .isEqualTo(Double.isNaN(want[1]) ? null : want[1]);
                                    assertThat(value.getValue()).as(unit.getKey() + " " + indicator.getKey())
                                            .isCloseTo(want[2], offset(1e-9));
                                }
                            }
                            assertThat(deadLetters).hasSize(3);
                        });
                        assertThat(deadLetters).extracting(DeadLetter::getSourceTopic)
                                .containsOnly(Topics.DEVICE_EVENTS.name(), Topics.TRAINING_EVENTS.name());
                    }
                }
            }
        }
    }

    /**
     * The registry creates its store topic on start; on a broker that has just come up the topic's
     * metadata can lag, so the start is retried within a bound.
     */
    static SchemaRegistryServer startRegistry(final String bootstrap) {
        final AtomicReference<SchemaRegistryServer> started = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    started.set(SchemaRegistryServer.start(RegistryConfig.defaults(bootstrap).withPort(0)));
                    return true;
                });
        return started.get();
    }

    private Properties streamsProperties(final String bootstrap, final String registryUrl) {
        final Properties props = TestApplication.properties("indicators-it", bootstrap, registryUrl, stateDir);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        return props;
    }

    private static KafkaConsumer<String, byte[]> consumer(final String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "indicators-it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void produce(final String bootstrap, final Map<String, Object> serdeConfig) {
        final Map<Class<?>, SpecificAvroSerde<SpecificRecord>> serdes = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (final School school : schools.values()) {
                producer.send(bytes(serdes, serdeConfig, new ProducerRecord<>(Topics.SCHOOLS.name(),
                        school.getSchoolId(), school)));
            }
            producer.flush();
            final List<ProducerRecord<String, byte[]>> resends = new ArrayList<>();
            for (final ProducerRecord<String, SpecificRecord> event : events) {
                final ProducerRecord<String, byte[]> record = bytes(serdes, serdeConfig, event);
                producer.send(record);
                if (random.nextInt(20) == 0) {
                    resends.add(record);
                }
            }
            // Re-sends (a school system retrying) and poison records arrive after the originals.
            resends.forEach(producer::send);
            producer.send(new ProducerRecord<>(Topics.DEVICE_EVENTS.name(), "S00",
                    "garbage".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(Topics.TRAINING_EVENTS.name(), "S01", new byte[] {0, 0, 0, 9, 99}));
            producer.send(bytes(serdes, serdeConfig, new ProducerRecord<>(Topics.TRAINING_EVENTS.name(), "S02",
                    training("bad-count", "S02", clock).setParticipantCount(-1).build())));
            producer.flush();
        }
    }

    @SuppressWarnings("unchecked")
    static ProducerRecord<String, byte[]> bytes(final Map<Class<?>, SpecificAvroSerde<SpecificRecord>> serdes,
                                                final Map<String, Object> serdeConfig,
                                                final ProducerRecord<String, ? extends SpecificRecord> record) {
        final SpecificAvroSerde<SpecificRecord> serde = serdes.computeIfAbsent(record.value().getClass(),
                type -> SpecificAvroSerde.of((Class<SpecificRecord>) type, serdeConfig, false));
        return new ProducerRecord<>(record.topic(), record.key(),
                serde.serializer().serialize(record.topic(), record.value()));
    }

    // ---- the seeded history ----

    private void generate() {
        for (int i = 0; i < SCHOOLS; i++) {
            final String id = String.format("S%02d", i);
            schools.put(id, school(id, "D" + (i % DISTRICTS)).setLearnersEnrolled(50 + random.nextInt(450))
                    .setInternetForTeaching(random.nextInt(4) != 0).build());
        }
        final List<String> people = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            final String staffId = "staff-" + i;
            people.add(staffId);
            final StaffRole role = random.nextInt(10) == 0 ? StaffRole.IT_TEACHER
                    : StaffRole.values()[random.nextInt(StaffRole.values().length)];
            emit(Topics.STAFF_EVENTS, staff(nextId(), staffId, anySchool(), tick()).setRole(role).build());
        }
        final List<String> devices = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            final String deviceId = "device-" + i;
            devices.add(deviceId);
            final DeviceEvent received = device(nextId(), deviceId, anySchool(), tick())
                    .setType(pick(DeviceType.values())).setPurpose(pick(DevicePurpose.values()))
                    .setHas4gSim(random.nextBoolean()).setSource(pick(DeviceSource.values())).build();
            if (received.getSource() == DeviceSource.SPONSORSHIP) {
                received.setProgramme("Internet and Tablets for Children");
            }
            emit(Topics.DEVICE_EVENTS, received);
        }
        for (int i = 0; i < 2_000; i++) {
            final int kind = random.nextInt(100);
            if (kind < 25) {
                final StaffEvent person = staffLatest.get(pick(people));
                final CertificationAction action = random.nextInt(8) == 0 ? CertificationAction.REVOKED
                        : CertificationAction.AWARDED;
                emit(Topics.CERTIFICATION_EVENTS, certification(nextId(), person.getStaffId(), person.getSchoolId(),
                        pick(CertificationLevel.values()), tick()).setAction(action).build());
            } else if (kind < 35) {
                final StaffEvent person = staffLatest.get(pick(people));
                final StaffAction action = random.nextInt(3) == 0 ? StaffAction.LEFT : StaffAction.TRANSFERRED;
                final String school = action == StaffAction.LEFT ? person.getSchoolId() : anySchool();
                if (action == StaffAction.TRANSFERRED) {
                    // only the holding school lets a person go: it releases them before the transfer
                    emit(Topics.STAFF_EVENTS, staff(nextId(), person.getStaffId(), person.getSchoolId(), tick())
                            .setRole(person.getRole()).setAction(StaffAction.RELEASED).build());
                }
                emit(Topics.STAFF_EVENTS, staff(nextId(), person.getStaffId(), school, tick())
                        .setRole(person.getRole()).setAction(action).build());
            } else if (kind < 50) {
                final DeviceEvent current = deviceLatest.get(pick(devices));
                if (current.getAction() == DeviceAction.RETIRED) {
                    continue;
                }
                final DeviceAction action = pick(new DeviceAction[] {DeviceAction.TRANSFERRED, DeviceAction.ASSIGNED,
                    DeviceAction.RETIRED});
                final DeviceEvent.Builder next = device(nextId(), current.getDeviceId(), current.getSchoolId(), tick())
                        .setType(current.getType()).setPurpose(current.getPurpose()).setHas4gSim(current.getHas4gSim())
                        .setSource(current.getSource()).setProgramme(current.getProgramme()).setAction(action);
                if (action == DeviceAction.TRANSFERRED) {
                    emit(Topics.DEVICE_EVENTS, device(nextId(), current.getDeviceId(), current.getSchoolId(), tick())
                            .setType(current.getType()).setPurpose(current.getPurpose())
                            .setHas4gSim(current.getHas4gSim()).setSource(current.getSource())
                            .setProgramme(current.getProgramme()).setAction(DeviceAction.RELEASED).build());
                    next.setSchoolId(anySchool()).setOccurredAt(tick());
                } else if (action == DeviceAction.ASSIGNED) {
                    next.setPurpose(pick(DevicePurpose.values()));
                }
                emit(Topics.DEVICE_EVENTS, next.build());
            } else {
                emit(Topics.TRAINING_EVENTS, training(nextId(), anySchool(), tick())
                        .setTopic(pick(TrainingTopic.values())).setParticipantCount(random.nextInt(40)).build());
            }
        }
    }

    private void emit(final Topic<String, ?> topic, final SpecificRecord event) {
        final String schoolId = event.get(event.getSchema().getField("schoolId").pos()).toString();
        events.add(new ProducerRecord<>(topic.name(), schoolId, event));
        if (event instanceof StaffEvent s) {
            staffLatest.put(s.getStaffId(), s);
        } else if (event instanceof CertificationEvent c) {
            certificationLatest.put(c.getStaffId() + "/" + c.getLevel(), c);
        } else if (event instanceof DeviceEvent d) {
            deviceLatest.put(d.getDeviceId(), d);
        } else if (event instanceof TrainingEvent t) {
            sessions.add(t);
        }
    }

    private String nextId() {
        return "ev-" + sequence++;
    }

    private Instant tick() {
        // Strictly increasing event time, about a week in all: every session stays inside the 30-day window.
        clock = clock.plusSeconds(1 + random.nextInt(300));
        return clock;
    }

    private String anySchool() {
        return String.format("S%02d", random.nextInt(SCHOOLS));
    }

    private <T> T pick(final List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T pick(final T[] values) {
        return values[random.nextInt(values.length)];
    }

    // ---- independent totals ----

    /** Unit id to indicator id to {numerator, denominator (NaN for a count), value}. */
    private Map<String, Map<String, double[]>> expectedIndicators() {
        final Map<String, Map<String, Long>> units = new LinkedHashMap<>();
        final Map<String, Long> teachingComputersBySchool = new HashMap<>();
        for (final DeviceEvent device : deviceLatest.values()) {
            final boolean computer = device.getType() == DeviceType.DESKTOP || device.getType() == DeviceType.LAPTOP;
            if (device.getAction() != DeviceAction.RETIRED && computer && device.getPurpose() == DevicePurpose.TEACHING) {
                teachingComputersBySchool.merge(device.getSchoolId(), 1L, Long::sum);
            }
        }
        for (final School school : schools.values()) {
            for (final String unit : List.of(school.getDistrictId(), school.getProvinceId())) {
                final Map<String, Long> c = units.computeIfAbsent(unit, u -> new HashMap<>());
                c.merge("schools", 1L, Long::sum);
                c.merge("internet", school.getInternetForTeaching() ? 1L : 0L, Long::sum);
                c.merge("learners", (long) school.getLearnersEnrolled(), Long::sum);
                c.merge("withTeaching", teachingComputersBySchool.getOrDefault(school.getSchoolId(), 0L) > 0 ? 1L : 0L,
                        Long::sum);
            }
        }
        for (final StaffEvent person : staffLatest.values()) {
            if (person.getAction() == StaffAction.LEFT) {
                continue;
            }
            final Set<CertificationLevel> held = EnumSet.noneOf(CertificationLevel.class);
            for (final CertificationLevel level : CertificationLevel.values()) {
                final CertificationEvent latest = certificationLatest.get(person.getStaffId() + "/" + level);
                if (latest != null && latest.getAction() == CertificationAction.AWARDED) {
                    held.add(level);
                }
            }
            final boolean it = person.getRole() == StaffRole.IT_TEACHER;
            count(units, person.getSchoolId(), "active", true);
            count(units, person.getSchoolId(), "it", it);
            count(units, person.getSchoolId(), "certified", !held.isEmpty());
            count(units, person.getSchoolId(), "degree", it && held.contains(CertificationLevel.IT_DEGREE));
        }
        for (final DeviceEvent device : deviceLatest.values()) {
            if (device.getAction() == DeviceAction.RETIRED) {
                continue;
            }
            final boolean computer = device.getType() == DeviceType.DESKTOP || device.getType() == DeviceType.LAPTOP;
            final boolean tablet = device.getType() == DeviceType.TABLET;
            count(units, device.getSchoolId(), "tablets", tablet);
            count(units, device.getSchoolId(), "sim", tablet && device.getHas4gSim());
            count(units, device.getSchoolId(), "computers", computer);
            count(units, device.getSchoolId(), "office", computer && device.getPurpose() == DevicePurpose.OFFICE);
            count(units, device.getSchoolId(), "teaching", computer && device.getPurpose() == DevicePurpose.TEACHING);
            count(units, device.getSchoolId(), "sponsored", device.getSource() == DeviceSource.SPONSORSHIP);
        }
        for (final TrainingEvent session : sessions) {
            count(units, session.getSchoolId(), "sessions", true);
            count(units, session.getSchoolId(), "drills", session.getTopic() == TrainingTopic.CYBERSECURITY_DRILL);
            // Appended now, in 2026 or later, for a 2025 session: recorded late, and counted in its day too.
            count(units, session.getSchoolId(), "late", org.edupulse.rules.TrainingRules.late(session.getOccurredAt(),
                    Instant.now(), CONFIG.grace()));
            for (int i = 0; i < session.getParticipantCount(); i++) {
                count(units, session.getSchoolId(), "participants", true);
            }
        }
        final Map<String, Map<String, double[]>> expected = new LinkedHashMap<>();
        units.forEach((unit, c) -> {
            final Map<String, double[]> indicators = new LinkedHashMap<>();
            plain(indicators, c, "staff.active", "active");
            plain(indicators, c, "staff.it_teachers", "it");
            share(indicators, c, "staff.it_teachers.share", "it", "active", 100);
            share(indicators, c, "staff.it_certified.share", "certified", "active", 100);
            plain(indicators, c, "staff.it_degree_teachers", "degree");
            for (final String window : List.of("total", "30d", "90d", "365d")) {
                plain(indicators, c, "training.sessions." + window, "sessions");
            }
            plain(indicators, c, "training.participants.30d", "participants");
            plain(indicators, c, "training.participants.365d", "participants");
            plain(indicators, c, "training.cybersecurity_drills.365d", "drills");
            plain(indicators, c, "devices.tablets.in_service", "tablets");
            plain(indicators, c, "devices.tablets.with_sim", "sim");
            plain(indicators, c, "devices.computers.in_service", "computers");
            plain(indicators, c, "devices.computers.office", "office");
            plain(indicators, c, "devices.computers.teaching", "teaching");
            plain(indicators, c, "devices.sponsored.in_service", "sponsored");
            share(indicators, c, "learners.per_teaching_computer", "learners", "teaching", 1);
            share(indicators, c, "schools.with_internet.share", "internet", "schools", 100);
            share(indicators, c, "schools.with_teaching_computers.share", "withTeaching", "schools", 100);
            plain(indicators, c, "events.late.total", "late");
            expected.put(unit, indicators);
        });
        return expected;
    }

    private void count(final Map<String, Map<String, Long>> units, final String schoolId, final String measure,
                       final boolean condition) {
        final School school = schools.get(schoolId);
        for (final String unit : List.of(school.getDistrictId(), school.getProvinceId())) {
            units.computeIfAbsent(unit, u -> new HashMap<>()).merge(measure, condition ? 1L : 0L, Long::sum);
        }
    }

    private static void plain(final Map<String, double[]> indicators, final Map<String, Long> c, final String id,
                              final String measure) {
        final double n = c.getOrDefault(measure, 0L);
        indicators.put(id, new double[] {n, Double.NaN, n});
    }

    private static void share(final Map<String, double[]> indicators, final Map<String, Long> c, final String id,
                              final String numerator, final String denominator, final double factor) {
        final double n = c.getOrDefault(numerator, 0L);
        final double d = c.getOrDefault(denominator, 0L);
        indicators.put(id, new double[] {n, d, d == 0 ? 0 : n / d * factor});
    }
}
