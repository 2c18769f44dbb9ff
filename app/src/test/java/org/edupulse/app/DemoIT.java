package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.gateway.DemoKeys;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The walking skeleton end to end: {@code edupulse demo} on free ports starts the embedded broker,
 * registry, pipeline and HTTP API, publishes the small dataset, announces itself ready once the whole
 * history is reflected (the API's figures are then final at once), and the compacted district topic holds
 * an indicator set for every district. It stops cleanly on Ctrl-C, and by itself after {@code --for}.
 */
class DemoIT {

    private static final Pattern READY = Pattern.compile(
            "EduPulse ready: broker (\\S+), schema registry (\\S+), HTTP (\\S+) \\((\\d+) history events.*?(\\d+) districts");

    @Test
    void shouldPublishIndicatorsForEveryDistrictAndShutDownCleanly(@TempDir final Path temp) throws Exception {
        // Given the demo on free ports, in a process of its own as a user runs it, its temporary files in a
        // directory of the test's
        final Path tmp = Files.createDirectories(temp.resolve("tmp"));
        try (DemoProcess demo = new DemoProcess(List.of("-Djava.io.tmpdir=" + tmp), List.of("--profile", "small",
                "--rate", "0", "--kafka-port", "0", "--registry-port", "0", "--http-port", "0"),
                temp.resolve("demo.log")).start()) {
            checkTheDemo(demo);

            // And Ctrl-C stops it, cleanly (SIGTERM runs the same shutdown hook): it says so and leaves neither
            // its broker's log, its Streams state nor its gateway keys behind
            assertThat(demo.stop()).as("stopped within a minute: %s", demo.output()).isTrue();
            assertThat(demo.output()).contains("EduPulse stopping after 0 live events.");
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("edupulse-"));
            }
        }
    }

    @Test
    void shouldStopByItselfCleanlyAfterForWithItsLiveEvents() {
        // Given the demo with live events, to run for two seconds once it is ready
        final StringWriter output = new StringWriter();
        final CommandLine cli = EduPulse.commandLine();
        cli.setOut(new PrintWriter(output, true));

        // When it runs in this JVM, as an embedding would
        final int exit = cli.execute("demo", "--profile", "small", "--rate", "20", "--for", "2s",
                "--ready-timeout", "150s", "--kafka-port", "0", "--registry-port", "0", "--http-port", "0");

        // Then it stops by itself, cleanly, having sent live events meanwhile
        assertThat(exit).as(output.toString()).isZero();
        final Matcher stopped = Pattern.compile("EduPulse stopping after (\\d+) live events")
                .matcher(output.toString());
        assertThat(stopped.find()).as(output.toString()).isTrue();
        assertThat(Long.parseLong(stopped.group(1))).isPositive();
    }

    private static void checkTheDemo(final DemoProcess demo) throws Exception {
        // When it says it is ready
        final Matcher ready = demo.awaitReady(READY);
        final String bootstrap = ready.group(1);
        final String registry = ready.group(2);
        final String http = ready.group(3);
        final int districts = Integer.parseInt(ready.group(5));

        // Then, as soon as it says it is ready, every district's and the province's figures are those of the
        // whole history (the independent fold of its events; no live events in this run): ready is not early
        assertThat(districts).isEqualTo(10);
        PublishedFigures.assertMatches(PublishedFigures.of(http),
                ExpectedFigures.of(new HistoryGenerator().history(Profile.SMALL, 2025L)));

        // And the compacted topic holds one IndicatorSet per district, read with read_committed
        final Map<String, IndicatorSet> latest = readCompacted(bootstrap, registry, districts);
        assertThat(latest).hasSize(districts);
        assertThat(latest.values()).allSatisfy(set -> assertThat(set.getIndicators())
                .containsKeys("staff.active", "devices.computers.in_service", "staff.it_certified.share"));

        // And the HTTP API answers with the same districts
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(http + "/api/v1/districts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body).hasSize(districts);

        // And with no live events, the 2021-2025 history being in, the province held no session in the last
        // 30 days (the windows end today, not on the history's last day) and its data runs through November 2025
        final java.time.ZoneId zone = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
        assertThat(java.time.LocalDate.ofInstant(
                java.time.Instant.parse(provinces(http).get(0).get("dataThrough").asText()), zone))
                .isBetween(java.time.LocalDate.of(2025, 11, 1), java.time.LocalDate.of(2025, 11, 30));
        final JsonNode quiet = provinces(http).get(0);
        assertThat(quiet.get("indicators").get("training.sessions.30d").get("value").asDouble()).isZero();
        assertThat(quiet.get("indicators").get("training.sessions.total").get("value").asDouble()).isPositive();

        // And the dashboard's trend has its series: at least 48 months for the province and for every district (the
        // periods are published in batches once a unit has been quiet for a few seconds, or at the latest a minute
        // after its first change, longer while the pipeline catches up: not part of ready)
        final List<String> units = new ArrayList<>(List.of(quiet.get("unitId").asText()));
        body.forEach(district -> units.add(district.get("unitId").asText()));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            for (final String unit : units) {
                final HttpResponse<String> series = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        http + "/api/v1/units/" + unit + "/series?indicator=training.sessions&grain=month")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(series.statusCode()).as(unit + ": " + series.body()).isEqualTo(200);
                assertThat(new ObjectMapper().readTree(series.body()).get("points").size()).as(unit)
                        .isGreaterThanOrEqualTo(48);
            }
        });

        // And a demo key lets a school post an event through the gateway on the same port
        final Map<String, String> demoKeys = DemoKeys.read(demo.keyFile());
        assertThat(demoKeys).hasSize(districts + 1).containsKey(DemoKeys.DEPARTMENT);
        final String school = demoKeys.keySet().stream()
                .filter(name -> !name.equals(DemoKeys.DEPARTMENT)).findFirst().orElseThrow();
        final String event = "{\"schoolId\":\"" + school + "\",\"sessionId\":\"TS-DEMO-IT\",\"topic\":\"CYBERSECURITY_DRILL\","
                + "\"audience\":\"STAFF\",\"participantCount\":25,\"hours\":2,\"occurredAt\":\""
                + java.time.Instant.now().minusSeconds(60) + "\"}";
        final HttpResponse<String> posted = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(http + "/api/v1/events/training"))
                        .header("Authorization", "Bearer " + demoKeys.get(school))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        // And the session just posted is the one session of the last 30 days, and of the last year
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            final JsonNode province = provinces(http).get(0);
            assertThat(province.get("indicators").get("training.sessions.30d").get("value").asDouble()).isEqualTo(1.0);
            assertThat(province.get("indicators").get("training.sessions.total").get("value").asDouble()).isGreaterThan(1.0);
        });
        final JsonNode province = provinces(http).get(0);
        assertThat(java.time.LocalDate.ofInstant(java.time.Instant.parse(province.get("evaluatedAt").asText()), zone))
                .isEqualTo(java.time.LocalDate.now(zone));
        assertThat(province.get("indicators").get("training.sessions.365d").get("value").asDouble())
                .as("only the posted session is within a year of today").isEqualTo(1.0);

        // And the department key, not a school's, posts a school record (the README's example)
        final String schoolRecord = "{\"schoolId\":\"DB-MA-SCH-900\",\"name\":\"Mường Ảng town Primary School No. 9\","
                + "\"level\":\"PRIMARY\",\"communeId\":\"DB-MA-CMN-01\",\"communeName\":\"Mường Ảng town\","
                + "\"districtId\":\"DB-MA\",\"districtName\":\"Mường Ảng\",\"provinceId\":\"DB\",\"provinceName\":\"Điện Biên\","
                + "\"learnersEnrolled\":320,\"internet\":\"WIFI_BROADBAND\",\"internetForTeaching\":true,"
                + "\"effectiveFrom\":\"" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "\"}";
        for (final String holder : List.of(DemoKeys.DEPARTMENT, school)) {
            final HttpResponse<String> reference = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(http + "/api/v1/events/school"))
                            .header("Authorization", "Bearer " + demoKeys.get(holder))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(schoolRecord)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reference.statusCode()).as(holder + ": " + reference.body())
                    .isEqualTo(holder.equals(DemoKeys.DEPARTMENT) ? 202 : 403);
        }

        // And the README's lineage request works with the demo's department key; a school's key gets 403
        final String lineage = http + "/api/v1/lineage?unit=DB-MA&indicator=staff.it_certified.share&asOf=2025-06-30";
        for (final String holder : List.of(DemoKeys.DEPARTMENT, school)) {
            final HttpResponse<String> traced = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lineage))
                    .header("Authorization", "Bearer " + demoKeys.get(holder)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(traced.statusCode()).as(holder + ": " + traced.body())
                    .isEqualTo(holder.equals(DemoKeys.DEPARTMENT) ? 200 : 403);
        }
    }

    private static JsonNode provinces(final String http) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(http + "/api/v1/provinces")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode provinces = new ObjectMapper().readTree(response.body());
        assertThat(provinces).hasSize(1);
        return provinces;
    }

    private static Map<String, IndicatorSet> readCompacted(final String bootstrap, final String registry, final int expected) {
        final SpecificAvroSerde<IndicatorSet> serde = SpecificAvroSerde.of(IndicatorSet.class,
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry), false);
        final Map<String, IndicatorSet> latest = new HashMap<>();
        try (KafkaConsumer<String, IndicatorSet> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), serde.deserializer())) {
            consumer.subscribe(List.of(Topics.DISTRICT_INDICATORS.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (final ConsumerRecord<String, IndicatorSet> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record.value());
                }
                return latest.size() >= expected;
            });
        }
        return latest;
    }
}
