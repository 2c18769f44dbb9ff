package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.gateway.DemoKeys;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.simulate.UnitFigures;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded stack as a small province runs it on one server, through a crash: {@code demo} on
 * a data directory, in a process of its own, is killed with SIGKILL while live events flow and
 * started again on the same directory. It must start, not send its history a second time, publish
 * exactly what the events in its log make (each counted once), and count new events.
 */
class DemoRestartIT {

    private static final Pattern READY = Pattern.compile(
            "EduPulse ready: broker (\\S+), schema registry (\\S+), HTTP (\\S+) \\((\\d+) history events");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String SESSIONS = PublishedFigures.SESSIONS;
    private static final long SEED = 2025L;
    /** Figures from the school reference records alone, which live events never change. */
    private static final List<String> REFERENCE_FIGURES = List.of("schools.total", "schools.with_internet.share",
            "learners.enrolled");

    @TempDir
    Path dir;

    @Test
    void shouldPublishTheSameFiguresAndCountNewEventsAfterASigkillAndARestartOnTheSameDataDir() throws Exception {
        final Path data = dir.resolve("data");
        final Path logs = Files.createDirectories(Path.of("target", "demo-restart-logs"));

        // Given the demo on a data directory, with live events flowing and counted
        final Map<String, Map<String, Double>> beforeKill;
        final long historyEvents;
        try (DemoProcess first = demo(data, "20", logs.resolve("run-1.log")).start()) {
            final Matcher ready = first.awaitReady(READY);
            historyEvents = Long.parseLong(ready.group(4));
            final String http = ready.group(3);
            // (the ready line waits until the whole history is reflected: the schools' reference figures, which the
            // live events that start after it never change, are complete at once)
            final ExpectedFigures history = ExpectedFigures.of(new HistoryGenerator().history(Profile.SMALL, SEED));
            assertReferenceFigures(PublishedFigures.of(http), history);
            final long atReady = PublishedFigures.of(http).get("DB").get(SESSIONS).longValue();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> PublishedFigures.of(http).get("DB").get(SESSIONS) > atReady);
            beforeKill = PublishedFigures.of(http);

            // When the whole process is killed without warning (no shutdown hook, no broker or Streams close)
            first.kill();
            assertThat(first.isAlive()).as("demo process after SIGKILL").isFalse();
        }

        // ... and started again on the same data directory, this time without a live feed
        try (DemoProcess second = demo(data, "0", logs.resolve("run-2.log")).start()) {
            final Matcher ready = second.awaitReady(READY);

            // Then it starts, on the history already there rather than a second copy of it
            assertThat(ready.group(4)).isEqualTo(Long.toString(historyEvents));
            assertThat(second.output()).contains("already published in " + data);
            final String bootstrap = ready.group(1);
            final String registry = ready.group(2);
            final String http = ready.group(3);
            // ... from the shipped jar, whose RocksDB stores opened and whose dashboard has its chart library
            final HttpResponse<String> charts = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/assets/echarts.min.js"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(charts.statusCode()).isEqualTo(200);
            assertThat(charts.body()).contains("echarts");
            final List<SimulatedEvent> log = readRawLog(bootstrap, registry);
            final long liveInLog = log.stream().filter(e -> eventId(e) != null && eventId(e).startsWith("live-")).count();
            assertThat(log.size() - liveInLog).as("history records in the raw log").isEqualTo(historyEvents);
            assertThat(liveInLog).as("live events acknowledged before the kill").isPositive();
            // (the history repeats some events on purpose, as schools re-send; live events are each sent once)
            final Set<String> liveIds = new HashSet<>();
            assertThat(log.stream().map(DemoRestartIT::eventId).filter(id -> id != null && id.startsWith("live-"))
                    .filter(id -> !liveIds.add(id)).toList()).as("live events in the raw log more than once").isEmpty();

            // ... every published figure is what the events in the log make, each counted once, as soon as it says
            // it is ready (no live feed in this run: the log is all there is to reflect)
            final ExpectedFigures expected = ExpectedFigures.of(log);
            PublishedFigures.assertMatches(PublishedFigures.of(http), expected);
            final Map<String, Map<String, Double>> afterRestart = PublishedFigures.of(http);

            // ... the figures of the schools' reference records are those before the kill, and no
            // session counted before the kill is lost (live events processed between the last
            // read and the kill may only have added to them)
            assertThat(afterRestart.keySet()).isEqualTo(beforeKill.keySet());
            beforeKill.forEach((unit, figures) -> {
                REFERENCE_FIGURES.forEach(figure -> assertThat(afterRestart.get(unit).get(figure))
                        .as(unit + " " + figure).isEqualTo(figures.get(figure)));
                assertThat(afterRestart.get(unit).get(SESSIONS)).as(unit + " " + SESSIONS)
                        .isGreaterThanOrEqualTo(figures.get(SESSIONS));
            });

            // ... and a new event counts: one session posted through the gateway adds exactly one
            final Map<String, String> keys = demoKeys(second, data);
            final String school = keys.keySet().iterator().next();
            final String district = school.substring(0, school.indexOf("-SCH-"));
            final String event = "{\"schoolId\":\"" + school + "\",\"sessionId\":\"TS-RESTART-IT\","
                    + "\"topic\":\"CYBERSECURITY_DRILL\",\"audience\":\"STAFF\",\"participantCount\":25,\"hours\":2,"
                    + "\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\"}";
            final HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/api/v1/events/training"))
                            .header("Authorization", "Bearer " + keys.get(school))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                final Map<String, Map<String, Double>> now = PublishedFigures.of(http);
                assertThat(now.get("DB").get(SESSIONS)).isEqualTo(afterRestart.get("DB").get(SESSIONS) + 1);
                assertThat(now.get(district).get(SESSIONS)).isEqualTo(afterRestart.get(district).get(SESSIONS) + 1);
            });
        }
    }

    /** The figures of the schools' reference records, which live events do not change. */
    private static void assertReferenceFigures(final Map<String, Map<String, Double>> published,
                                               final ExpectedFigures expected) {
        final Map<String, UnitFigures> units = new LinkedHashMap<>(expected.districts());
        units.put(expected.province().unitId(), expected.province());
        units.forEach((unitId, f) -> {
            assertThat(published).as("published units").containsKey(unitId);
            assertThat(Math.round(published.get(unitId).get("schools.total"))).as(unitId).isEqualTo(f.schools());
            assertThat(Math.round(published.get(unitId).get("schools.with_internet.share"))).as(unitId)
                    .isEqualTo(f.schoolsWithInternetForTeaching());
            assertThat(Math.round(published.get(unitId).get("learners.enrolled"))).as(unitId).isEqualTo(f.learnersEnrolled());
        });
    }

    /** Every record of the raw topics, read to their ends with read_committed, as the events they carry. */
    private static List<SimulatedEvent> readRawLog(final String bootstrap, final String registry) {
        final List<SimulatedEvent> events = new ArrayList<>();
        final List<Topic<String, ?>> topics = new ArrayList<>(Topics.RAW_EVENTS);
        topics.add(0, Topics.SCHOOLS);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            for (final Topic<String, ?> topic : topics) {
                final SpecificAvroSerde<? extends SpecificRecord> serde = SpecificAvroSerde.of(
                        topic.valueType().asSubclass(SpecificRecord.class),
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry), false);
                final List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        events.add(new SimulatedEvent(topic, record.key(),
                                serde.deserializer().deserialize(topic.name(), record.value())));
                    }
                }
            }
        }
        return events;
    }

    private static String eventId(final SimulatedEvent event) {
        final var field = event.value().getSchema().getField("eventId");
        return field == null ? null : String.valueOf(event.value().get(field.pos()));
    }

    /** The demo on {@code data}, the test's seed and the small history, {@code rate} live events a second. */
    private static DemoProcess demo(final Path data, final String rate, final Path log) {
        return new DemoProcess(List.of("--data-dir", data.toString(), "--profile", "small",
                "--seed", Long.toString(SEED), "--rate", rate,
                "--kafka-port", "0", "--registry-port", "0", "--http-port", "0"), log);
    }

    /** The gateway keys the demo wrote into its data directory, by school. */
    private static Map<String, String> demoKeys(final DemoProcess demo, final Path data) throws IOException {
        final Path file = demo.keyFile();
        assertThat(file).startsWith(data);
        return DemoKeys.read(file);
    }
}
