package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules core's fold of the log ({@link LogFold}, what the audit replays) and the live topology give
 * the same figures for every unit at every level, whatever order the records were appended in: random
 * histories of people, certificates and devices (transfers, refusals, re-sent events, ids reused with
 * other content), training sessions (corrections, cancellations, re-sent and reused ids, sessions below
 * their named staff, sessions recorded late, drills, sessions older than every window), school versions
 * (a move to another commune and district that takes effect as event time passes, a retroactive version
 * without a district, corrections of a version without learners), a school whose record comes just after
 * its first events, and events of a school that never has one. Each history is appended in several
 * shuffled orders; for each, both run over the same bytes and windows end on the same day.
 */
class LogFoldTest {

    private static final int ORDERS = 2;
    private static final Instant ARRIVAL = START.plus(Duration.ofDays(40));
    /** The day windows end on: after every record was appended. */
    private static final Instant NOW = ARRIVAL.plus(Duration.ofDays(1));

    @TempDir
    Path stateDir;

    @BeforeAll
    static void trustTheGeneratedClasses() {
        // Avro trusts the project's generated classes (enums in builders included) once a serde exists.
        SpecificAvroSerde.of(TrainingEvent.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                MockSchemaRegistry.SCHEME + "log-fold-trust"), false).deserializer().close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void shouldComputeWhatTheTopologyPublishesForEveryUnitWhateverTheAppendOrder(final long seed) throws Exception {
        // Given a random history
        final Random random = new Random(seed);
        final List<SpecificRecord> history = new ArrayList<>(OrderIndependenceTest.history(random));
        history.addAll(sessions(random));
        history.addAll(laterVersions());
        for (int order = 0; order < ORDERS; order++) {
            // When it is appended in a shuffled order, the initial school records first
            final List<SpecificRecord> shuffled = new ArrayList<>(history);
            Collections.shuffle(shuffled, random);
            final List<SpecificRecord> appended = new ArrayList<>(initialSchools());
            // An event of a school that never has a record: refused once the reference wait is over.
            appended.add(training("tr-unknown", "S9", START).build());
            appended.addAll(withLateSchool(shuffled));

            // Then the fold of those records gives every unit the figures the topology publishes
            final String scope = "log-fold-" + seed + "-" + order;
            final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                    MockSchemaRegistry.SCHEME + scope);
            try (IndicatorsDriver driver = new IndicatorsDriver(scope, Files.createTempDirectory(stateDir, "run"))) {
                final List<LogFold.Input> log = new ArrayList<>();
                for (int i = 0; i < appended.size(); i++) {
                    final Instant at = ARRIVAL.plusSeconds(2L * i);
                    final SpecificRecord record = appended.get(i);
                    final Topic<String, ?> topic = topicOf(record);
                    final String key = String.valueOf(record.get(record.getSchema().getField("schoolId").pos()));
                    final byte[] bytes = bytes(serdeConfig, topic, record);
                    driver.rawBytes(topic, key, bytes, at);
                    log.add(new LogFold.Input(topic.name(), 0, i, at.toEpochMilli(), key, bytes));
                }
                // And hostile records: bytes that are not Avro, a school tombstone, a value larger than any
                // event, another school's event under S0's key, a field far over its limit
                final List<Object[]> hostile = List.of(
                        new Object[] {Topics.STAFF_EVENTS, "S0", "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8)},
                        new Object[] {Topics.SCHOOLS, "S1", null},
                        new Object[] {Topics.DEVICE_EVENTS, "S2", new byte[1_000_000]},
                        new Object[] {Topics.STAFF_EVENTS, "S0", bytes(serdeConfig, Topics.STAFF_EVENTS,
                                TestData.staff("hostile-1", "p1", "S3", START).build())},
                        new Object[] {Topics.TRAINING_EVENTS, "S0", bytes(serdeConfig, Topics.TRAINING_EVENTS,
                                training("hostile-2", "S0", START).setSessionId("x".repeat(100_000)).build())});
                for (int h = 0; h < hostile.size(); h++) {
                    final int offset = appended.size() + h;
                    final Instant at = ARRIVAL.plusSeconds(2L * offset);
                    @SuppressWarnings("unchecked")
                    final Topic<String, ?> topic = (Topic<String, ?>) hostile.get(h)[0];
                    driver.rawBytes(topic, (String) hostile.get(h)[1], (byte[]) hostile.get(h)[2], at);
                    log.add(new LogFold.Input(topic.name(), 0, offset, at.toEpochMilli(), (String) hostile.get(h)[1],
                            (byte[]) hostile.get(h)[2]));
                }
                driver.advanceWallClockTo(NOW);
                final Map<String, IndicatorSet> published = new TreeMap<>();
                published.putAll(driver.schools());
                published.putAll(driver.communes());
                published.putAll(driver.districts());
                published.putAll(driver.provinces());
                final LogFold.Result fold = new LogFold(IndicatorsConfig.defaults()
                        .withClock(Clock.fixed(NOW, ZoneOffset.UTC)), serdeConfig).fold(log);

                assertThat(figures(fold.indicatorSets())).as("seed %d, order %d", seed, order)
                        .isEqualTo(figures(published));
                // A fold for figures only (a replay's) keeps no sources nor findings, and gives the very same sets
                final LogFold.Result figuresOnly = new LogFold(IndicatorsConfig.defaults()
                        .withClock(Clock.fixed(NOW, ZoneOffset.UTC)), serdeConfig, false).fold(log);
                assertThat(figuresOnly.indicatorSets()).as("without lineage").isEqualTo(fold.indicatorSets());
                assertThat(figuresOnly.sourceIndex()).isEmpty();
                assertThat(figuresOnly.findings()).isEmpty();
                assertThat(published).as("units with sessions in the windows")
                        .anySatisfy((unit, set) -> assertThat(set.getIndicators().get("training.sessions.30d")
                                .getNumerator()).isPositive());
                assertThat(fold.rejected()).as("refused records: the unknown school's once its wait is over, and the"
                        + " five hostile ones").isEqualTo(driver.deadLetters().size()).isGreaterThanOrEqualTo(6);
                // And the findings the fold lists (what lineage shows) are those each school's quality counts hold
                final Map<String, Long> listed = new TreeMap<>();
                fold.findings().forEach(f -> listed.merge(f.schoolId(), 1L, Long::sum));
                final Map<String, Long> counted = new TreeMap<>();
                driver.schools().forEach((id, set) -> {
                    final long findings = (long) set.getIndicators().get("quality.findings.total").getNumerator();
                    if (findings != 0) {
                        counted.put(id, findings);
                    }
                });
                assertThat(listed).as("findings listed per school").isEqualTo(counted).isNotEmpty();
                // each where its very record was read: a copy refused for reusing an id at its own offset
                assertThat(fold.findings()).allSatisfy(f -> assertThat(f.source()).as(f.toString()).isNotNull());
                // (the generator's copy that reuses a device event's id happened a minute after the first)
                assertThat(fold.findings()).filteredOn(f -> f.ruleId().equals(org.edupulse.rules.Refusal.EVENT_ID_CONFLICT)
                        && f.source().topic().equals(Topics.DEVICE_EVENTS.name())).isNotEmpty().allSatisfy(f -> {
                            final DeviceEvent refused = (DeviceEvent) appended.get((int) f.source().offset());
                            assertThat(refused.getEventId()).isEqualTo(f.eventId());
                            assertThat(appended).filteredOn(r -> r instanceof DeviceEvent d && d.getEventId().equals(f.eventId()))
                                    .allSatisfy(r -> assertThat(((DeviceEvent) r).getOccurredAt())
                                            .isBeforeOrEqualTo(refused.getOccurredAt()));
                        });
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} folding threads")
    @CsvSource({"5, 1", "6, 2", "7, 3"})
    void shouldFoldTheSameWhileTheLogIsReadAsOnceItIsRead(final long seed, final int threads) throws Exception {
        // Given a random history appended in a shuffled order to three partitions of each topic, by school,
        // over more than the reference wait (an event read too long before its school's record is refused)
        final Random random = new Random(seed);
        final List<SpecificRecord> history = new ArrayList<>(OrderIndependenceTest.history(random));
        history.addAll(sessions(random));
        history.addAll(laterVersions());
        Collections.shuffle(history, random);
        final List<SpecificRecord> appended = new ArrayList<>(initialSchools());
        appended.add(training("tr-unknown", "S9", START).build());
        appended.addAll(withLateSchool(history));
        final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                MockSchemaRegistry.SCHEME + "log-fold-feed-" + seed);
        final Map<TopicPartition, List<LogFold.Input>> partitions = new LinkedHashMap<>();
        final List<LogFold.Input> log = new ArrayList<>();
        for (int i = 0; i < appended.size(); i++) {
            final SpecificRecord record = appended.get(i);
            final Topic<String, ?> topic = topicOf(record);
            final String key = String.valueOf(record.get(record.getSchema().getField("schoolId").pos()));
            final TopicPartition partition = new TopicPartition(topic.name(), Math.floorMod(key.hashCode(), 3));
            final List<LogFold.Input> records = partitions.computeIfAbsent(partition, p -> new ArrayList<>());
            final LogFold.Input input = new LogFold.Input(partition.topic(), partition.partition(), records.size(),
                    ARRIVAL.plusSeconds(10L * i).toEpochMilli(), key, bytes(serdeConfig, topic, record));
            records.add(input);
            log.add(input);
        }
        final IndicatorsConfig config = IndicatorsConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        final LogFold.Result whole = new LogFold(config, serdeConfig).fold(log);

        // When the fold is fed while the log is read: slices of each partition in turn, of any size up to the
        // whole partition, the schools' last (as a fetch may bring them), each task handed every record as it
        // comes, each partition ended once read, folded by one to three threads besides the reading one
        final List<TopicPartition> rotation = new ArrayList<>(partitions.keySet());
        rotation.sort(Comparator.comparing((TopicPartition p) -> p.topic().equals(Topics.SCHOOLS.name())));
        final LogFold.Result fed;
        try (LogFold.Feed feed = new LogFold(config, serdeConfig).feed(partitions.keySet(), 1, threads)) {
            final Map<TopicPartition, Integer> read = new HashMap<>();
            while (read.size() < partitions.size() || read.entrySet().stream()
                    .anyMatch(e -> e.getValue() < partitions.get(e.getKey()).size())) {
                rotation.forEach(partition -> {
                    final List<LogFold.Input> records = partitions.get(partition);
                    final int from = read.getOrDefault(partition, 0);
                    final int to = Math.min(records.size(), from + 1 + random.nextInt(records.size()));
                    if (from < records.size()) {
                        records.subList(from, to).forEach(feed::add);
                        if (to == records.size()) {
                            feed.end(partition.topic(), partition.partition());
                        }
                    }
                    read.put(partition, to);
                });
            }
            fed = feed.finish();
        }

        // Then it finds what the fold of the whole log finds: figures, sessions, findings and counts
        assertThat(figures(fed.indicatorSets())).isEqualTo(figures(whole.indicatorSets()));
        assertThat(fed.sessions()).isEqualTo(whole.sessions());
        assertThat(fed.findings()).isEqualTo(whole.findings()).isNotEmpty();
        assertThat(List.of(fed.records(), fed.rejected(), fed.parked()))
                .isEqualTo(List.of(whole.records(), whole.rejected(), whole.parked()));
        assertThat(fed.records()).isEqualTo(log.size());
    }

    /**
     * An audit's fold reads many partitions of five record types: every task reads through one registry client,
     * so each writer's schema is fetched once per fold (before, each task's reader of each type had a client,
     * and an HTTP client, of its own and fetched the schemas again).
     */
    @Test
    void shouldAskTheRegistryOnceForEachSchemaIdWhateverTheTasksThatReadIt() throws Exception {
        // Given a history appended to three partitions of each topic, written with the registry's ids
        final Random random = new Random(8);
        final List<SpecificRecord> appended = new ArrayList<>(initialSchools());
        appended.addAll(OrderIndependenceTest.history(random));
        appended.addAll(sessions(random));
        final String scope = "log-fold-registry-once";
        final Map<String, Object> writing = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                MockSchemaRegistry.SCHEME + scope);
        final List<LogFold.Input> log = new ArrayList<>();
        final Map<TopicPartition, Integer> offsets = new HashMap<>();
        for (int i = 0; i < appended.size(); i++) {
            final SpecificRecord record = appended.get(i);
            final Topic<String, ?> topic = topicOf(record);
            final String key = String.valueOf(record.get(record.getSchema().getField("schoolId").pos()));
            final TopicPartition partition = new TopicPartition(topic.name(), Math.floorMod(key.hashCode(), 3));
            final int offset = offsets.merge(partition, 1, Integer::sum) - 1;
            log.add(new LogFold.Input(partition.topic(), partition.partition(), offset,
                    ARRIVAL.plusSeconds(10L * i).toEpochMilli(), key, bytes(writing, topic, record)));
        }
        assertThat(log.stream().map(LogFold.Input::partition).distinct()).as("tasks").hasSize(3);
        // And the registry behind HTTP, counting what it is asked
        final MockSchemaRegistry schemas = MockSchemaRegistry.scope(scope);
        final Map<Integer, Integer> asked = new ConcurrentHashMap<>();
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", exchange -> {
            final int id = Integer.parseInt(exchange.getRequestURI().getPath().substring("/schemas/ids/".length()));
            asked.merge(id, 1, Integer::sum);
            final byte[] body = new ObjectMapper().createObjectNode().put("schema", schemas.schemaById(id).toString())
                    .toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            final IndicatorsConfig config = IndicatorsConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
            final Map<String, Object> overHttp = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                    "http://127.0.0.1:" + server.getAddress().getPort());

            // When the log is folded through it
            final LogFold.Result fold = new LogFold(config, overHttp, false).fold(log);

            // Then it asked once for each schema the records were written with, and folded what the registry's own
            // clients fold
            assertThat(asked).containsOnlyKeys(appended.stream().map(r -> schemas.idOf(
                    topicOf(r).name() + "-value", r.getSchema())).distinct().toList());
            assertThat(asked).as("requests per schema id").allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
            assertThat(figures(fold.indicatorSets())).isNotEmpty()
                    .isEqualTo(figures(new LogFold(config, writing, false).fold(log).indicatorSets()));
        } finally {
            server.stop(0);
        }
    }

    /** Every unit's figures: numerator, denominator and value of each indicator, and its breakdowns. */
    private static Map<String, Map<String, List<Object>>> figures(final Map<String, IndicatorSet> sets) {
        final Map<String, Map<String, List<Object>>> figures = new TreeMap<>();
        sets.forEach((unit, set) -> {
            final Map<String, List<Object>> byIndicator = new TreeMap<>();
            set.getIndicators().forEach((id, value) -> byIndicator.put(id, parts(value)));
            if (set.getBreakdowns() != null) {
                set.getBreakdowns().forEach((breakdown, values) -> values.forEach((key, value) ->
                        byIndicator.put(breakdown + "/" + key, parts(value))));
            }
            figures.put(set.getLevel() + " " + unit, byIndicator);
        });
        return figures;
    }

    private static List<Object> parts(final IndicatorValue value) {
        return java.util.Arrays.asList(value.getNumerator(), value.getDenominator(), value.getValue());
    }

    /** Sessions of the six schools, and of school S6, whose record is appended just after its first event. */
    private static List<SpecificRecord> sessions(final Random random) {
        final List<SpecificRecord> events = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            final String schoolId = "S" + (t < 4 ? 6 : random.nextInt(6));
            // From two months before START to 20 days after it: some late, some outside every window.
            final Instant at = START.minus(Duration.ofDays(60)).plus(Duration.ofHours(random.nextInt(80 * 24)));
            final TrainingEvent.Builder event = training(String.format("tr-%03d", t), schoolId, at)
                    .setSessionId("session-" + random.nextInt(20))
                    .setParticipantCount(1 + random.nextInt(30))
                    .setTopic(random.nextInt(5) == 0 ? TrainingTopic.CYBERSECURITY_DRILL : TrainingTopic.BASIC_IT);
            if (random.nextInt(8) == 0) {
                event.setAction(TrainingAction.CANCELLED);
            }
            if (random.nextInt(8) == 0) {
                event.setParticipantCount(1).setStaffIds(List.of("p1", "p2", "p3"));
            }
            final TrainingEvent built = event.build();
            events.add(built);
            if (random.nextInt(10) == 0) {
                events.add(built);
            }
            if (random.nextInt(10) == 0) {
                events.add(TrainingEvent.newBuilder(built).setParticipantCount(built.getParticipantCount() + 1).build());
            }
        }
        return events;
    }

    private static List<SpecificRecord> initialSchools() {
        final List<SpecificRecord> schools = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            schools.add(school("S" + s, "D" + (s % 3)).setCommuneId("C" + (s % 4)).setCommuneName("Commune " + (s % 4))
                    .build());
        }
        return schools;
    }

    /**
     * S1 moves to another commune and district from a day event time reaches; S3's version from before
     * START names no district (retroactive); S4's version is corrected to no learners, then back.
     */
    private static List<SpecificRecord> laterVersions() {
        return List.of(
                school("S1", "D2").setCommuneId("C3").setCommuneName("Commune 3")
                        .setEffectiveFrom(LocalDate.of(2025, 3, 5)).build(),
                school("S3", "D0").setCommuneId("C3").setCommuneName("Commune 3").setDistrictId(null)
                        .setDistrictName(null).setEffectiveFrom(LocalDate.of(2025, 1, 15)).build(),
                school("S4", "D1").setCommuneId("C0").setCommuneName("Commune 0").setLearnersEnrolled(0).build(),
                school("S4", "D1").setCommuneId("C0").setCommuneName("Commune 0").setLearnersEnrolled(50)
                        .setEffectiveFrom(LocalDate.of(2025, 2, 1)).build());
    }

    /** The records with S6's school record placed right after S6's first event (within the reference wait). */
    private static List<SpecificRecord> withLateSchool(final List<SpecificRecord> records) {
        final List<SpecificRecord> placed = new ArrayList<>(records);
        for (int i = 0; i < placed.size(); i++) {
            if (placed.get(i) instanceof TrainingEvent event && "S6".equals(event.getSchoolId())) {
                placed.add(i + 1, school("S6", "D0").setCommuneId("C1").setCommuneName("Commune 1").build());
                return placed;
            }
        }
        throw new IllegalStateException("no event of S6");
    }

    private static Topic<String, ?> topicOf(final SpecificRecord record) {
        if (record instanceof School) {
            return Topics.SCHOOLS;
        }
        if (record instanceof TrainingEvent) {
            return Topics.TRAINING_EVENTS;
        }
        if (record instanceof StaffEvent) {
            return Topics.STAFF_EVENTS;
        }
        if (record instanceof CertificationEvent) {
            return Topics.CERTIFICATION_EVENTS;
        }
        if (record instanceof DeviceEvent) {
            return Topics.DEVICE_EVENTS;
        }
        throw new IllegalArgumentException("not a raw record: " + record.getSchema().getName());
    }

    @SuppressWarnings("unchecked")
    private static byte[] bytes(final Map<String, Object> serdeConfig, final Topic<String, ?> topic,
                                final SpecificRecord record) {
        return SpecificAvroSerde.of((Class<SpecificRecord>) record.getClass(), serdeConfig, false).serializer()
                .serialize(topic.name(), record);
    }
}
