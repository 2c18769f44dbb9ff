package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query API of one Streams instance running the indicators topology over the small simulated
 * history, on the real broker and registry: every endpoint's status and shape.
 */
@ExtendWith(PipelineExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiIT {

    private static final int DISTRICTS = Pipeline.DISTRICTS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Pipeline pipeline;
    private KafkaStreams streams;
    private QueryServer server;

    @BeforeAll
    void startServingInstance(final Pipeline shared, @TempDir final Path stateDir) throws Exception {
        pipeline = shared;
        server = QueryServer.bind(pipeline.servingConfig());
        streams = pipeline.streams("serving-query-it", stateDir,
                server.streamsProperties());
        server.attach(streams);
        streams.start();
        pipeline.awaitSettled(server.url());
        assertThat(server.awaitReaders(Duration.ofSeconds(10))).isTrue();
    }

    @AfterAll
    void stop() {
        server.close();
        streams.close(Duration.ofSeconds(10));
    }

    @Test
    void shouldListEveryDistrictShapedLikeAnIndicatorSet() {
        // When
        final HttpResponse<String> response = Http.get(server.url() + "/api/v1/districts");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        final JsonNode districts = Http.json(response);
        assertThat(districts).hasSize(DISTRICTS);
        for (final JsonNode district : districts) {
            assertThat(district.get("unitId").asText()).matches("DB-[A-Z]+");
            assertThat(district.get("unitName").asText()).isNotBlank();
            assertThat(district.get("level").asText()).isEqualTo("DISTRICT");
            assertThat(Instant.parse(district.get("asOf").asText())).isAfter(Instant.parse("2021-01-01T00:00:00Z"));
            assertThat(district.get("catalogVersion").asText()).isNotBlank();
            final JsonNode share = district.get("indicators").get("staff.it_certified.share");
            final double expected = share.get("denominator").asDouble() == 0 ? 0
                    : share.get("numerator").asDouble() / share.get("denominator").asDouble() * 100;
            assertThat(share.get("value").asDouble()).isCloseTo(expected, within(1e-9));
            assertThat(district.get("indicators").get("staff.active").get("denominator").isNull()).isTrue();
        }
    }

    @Test
    void shouldAnswerOneDistrictAndItsProvinceWithPartsThatAddUp() {
        // When
        final HttpResponse<String> district = Http.get(server.url() + "/api/v1/districts/DB-MA");
        final HttpResponse<String> province = Http.get(server.url() + "/api/v1/provinces/DB");
        final HttpResponse<String> provinces = Http.get(server.url() + "/api/v1/provinces");

        // Then
        assertThat(district.statusCode()).isEqualTo(200);
        assertThat(Http.json(district).get("unitId").asText()).isEqualTo("DB-MA");
        assertThat(province.statusCode()).isEqualTo(200);
        final JsonNode provinceSet = Http.json(province);
        assertThat(provinceSet.get("level").asText()).isEqualTo("PROVINCE");
        assertThat(Http.json(provinces)).hasSize(1);
        final double staffOfDistricts = sum(Http.json(Http.get(server.url() + "/api/v1/districts")), "staff.active");
        assertThat(provinceSet.get("indicators").get("staff.active").get("value").asDouble()).isEqualTo(staffOfDistricts);
    }

    @Test
    void shouldRefuseUnknownUnitsPathsAndMethodsWithJsonAndNoStackTrace() {
        // When
        final HttpResponse<String> unknownDistrict = Http.get(server.url() + "/api/v1/districts/DB-NOPE");
        final HttpResponse<String> unknownProvince = Http.get(server.url() + "/api/v1/provinces/XX");
        final HttpResponse<String> unknownPath = Http.get(server.url() + "/api/v1/schools");
        final HttpResponse<String> badId = Http.get(server.url() + "/api/v1/districts/%3Cscript%3E");
        final HttpResponse<String> noIndicator = Http.get(server.url() + "/api/v1/districts/DB-MA/history");
        final HttpResponse<String> badDate = Http.get(server.url()
                + "/api/v1/districts/DB-MA/history?indicator=staff.active&from=yesterday");
        final HttpResponse<String> post = Http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/districts"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        final HttpResponse<String> noPage = Http.get(server.url() + "/nothing-here");

        // Then
        assertThat(unknownDistrict.statusCode()).isEqualTo(404);
        assertThat(unknownProvince.statusCode()).isEqualTo(404);
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(noIndicator.statusCode()).isEqualTo(400);
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(noPage.statusCode()).isEqualTo(404);
        for (final HttpResponse<String> refused : List.of(unknownDistrict, unknownPath, badId, noIndicator, badDate, post)) {
            final JsonNode error = Http.json(refused);
            assertThat(error.get("status").asInt()).isEqualTo(refused.statusCode());
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(refused.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void shouldServeTheCatalogWithDefinitions() {
        // When
        final HttpResponse<String> response = Http.get(server.url() + "/api/v1/indicators");

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode catalog = Http.json(response);
        assertThat(catalog.get("catalogVersion").asText()).isNotBlank();
        final JsonNode certified = Stream.of(JSON.convertValue(catalog.get("indicators"), JsonNode[].class))
                .filter(d -> "staff.it_certified.share".equals(d.get("id").asText())).findFirst().orElseThrow();
        assertThat(certified.get("definition").asText()).contains("percentage");
        assertThat(certified.get("unit").asText()).isEqualTo("%");
        assertThat(certified.get("ratio").asBoolean()).isTrue();
        // and localized in Vietnamese unless the client's Accept-Language prefers English
        assertThat(certified.at("/localized/name").asText()).isEqualTo("Tỷ lệ cán bộ, giáo viên có chứng chỉ CNTT (%)");
        assertThat(response.headers().firstValue("Content-Language")).contains("vi");
        final HttpResponse<String> english = Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url() + "/api/v1/indicators")).header("Accept-Language", "en-GB,en;q=0.9").build());
        assertThat(english.headers().firstValue("Content-Language")).contains("en");
        assertThat(Http.json(english).get("lang").asText()).isEqualTo("en");
        assertThat(Http.json(english).at("/indicators/0/localized/name").asText())
                .isEqualTo(Http.json(english).at("/indicators/0/name").asText());
    }

    @Test
    void shouldReturnHistoryPointsInEventTimeOrderWithinTheRange() {
        // When
        final JsonNode all = Http.json(Http.get(server.url() + "/api/v1/districts/DB-MA/history?indicator=staff.active"));
        final HttpResponse<String> upTo2023 = Http.get(server.url()
                + "/api/v1/districts/DB-MA/history?indicator=staff.active&to=2023-12-31");
        final HttpResponse<String> province = Http.get(server.url()
                + "/api/v1/provinces/DB/history?indicator=training.sessions.total&from=2022-01-01T00:00:00Z");
        final HttpResponse<String> unknown = Http.get(server.url()
                + "/api/v1/districts/DB-NOPE/history?indicator=staff.active");

        // Then
        assertThat(all.get("unitId").asText()).isEqualTo("DB-MA");
        final List<Instant> times = Stream.of(JSON.convertValue(all.get("points"), JsonNode[].class))
                .map(p -> Instant.parse(p.get("asOf").asText())).toList();
        assertThat(times).hasSizeGreaterThan(1).isSorted();
        assertThat(upTo2023.statusCode()).isEqualTo(200);
        assertThat(Http.json(upTo2023).get("points")).allSatisfy(p ->
                assertThat(Instant.parse(p.get("asOf").asText())).isBefore(Instant.parse("2024-01-01T00:00:00Z")));
        assertThat(province.statusCode()).isEqualTo(200);
        assertThat(Http.json(province).get("points").size()).isPositive();
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldPushAnUpdatedIndicatorSetToStreamClients() throws Exception {
        // Given a connected stream client
        final List<String> lines = new CopyOnWriteArrayList<>();
        final CompletableFuture<HttpResponse<Stream<String>>> connection = Http.client().sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/stream")).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        final HttpResponse<Stream<String>> stream = connection.get();
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        final Thread reader = new Thread(() -> stream.body().forEach(lines::add), "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains(": connected"));

        // When a new training session is published
        final TrainingEvent session = pipeline.publishTrainingSession();
        final String district = pipeline.districtOf(session.getSchoolId());

        // Then an updated IndicatorSet of its district arrives as an event
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
                .filter(line -> line.startsWith("data: "))
                .map(line -> parse(line.substring("data: ".length())))
                .anyMatch(set -> district.equals(set.get("unitId").asText())));
        assertThat(lines).contains("event: " + PublishedReaders.INDICATOR_SET_EVENT);
        stream.body().close();
    }

    @Test
    void shouldServeEveryResponseWithAStrictContentSecurityPolicy() {
        for (final String path : List.of("/", "/index.html", "/dashboard.js", "/api/v1/districts", "/health/live",
                "/metrics", "/no-such-page")) {
            // When
            final HttpResponse<String> response = Http.get(server.url() + path);

            // Then the page, and every other answer, forbids inline script, eval, other origins and framing
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).startsWith("default-src 'none';").contains("script-src 'self';")
                            .contains("style-src 'self';").contains("connect-src 'self';")
                            .contains("frame-ancestors 'none'").contains("base-uri 'none'")
                            .contains("form-action 'none'").doesNotContain("unsafe").doesNotContain("*")
                            .doesNotContain("http"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
    }

    @Test
    void shouldBeLiveAndReadyAndExposePrometheusMetrics() {
        // When
        final HttpResponse<String> live = Http.get(server.url() + "/health/live");
        final HttpResponse<String> ready = Http.get(server.url() + "/health/ready");
        final HttpResponse<String> metrics = Http.get(server.url() + "/metrics");

        // Then
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Http.json(ready).get("streams").asText()).isEqualTo("RUNNING");
        // Every reader of a published topic is the shared tail, and readiness reports each.
        assertThat(Http.json(ready).get("readers").fieldNames()).toIterable().containsExactlyInAnyOrder(
                "school-versions", "indicator-periods", "indicator-history", "dead-letters", "late-events",
                "live-district-indicators", "live-province-indicators");
        Http.json(ready).get("readers").forEach(reader -> assertThat(reader.get("status").asText()).isEqualTo("UP"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("edupulse_events_ingested_total{type=\"training\"}")
                .contains("edupulse_ingest_lag_records{type=\"staff\"}")
                .contains("edupulse_streams_running 1")
                .contains("kafka_stream_")
                .contains("edupulse_http_requests_seconds_count");
        assertThat(metricValue(metrics.body(), "edupulse_events_ingested_total{type=\"training\"}")).isPositive();
        // every staff record of the history read once (no live staff events are sent), and nothing left behind
        final double staffRecords = pipeline.published(Topics.STAFF_EVENTS.name());
        assertThat(staffRecords).isPositive();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            final String body = Http.get(server.url() + "/metrics").body();
            assertThat(metricValue(body, "edupulse_events_ingested_total{type=\"staff\"}")).isEqualTo(staffRecords);
            assertThat(metricValue(body, "edupulse_ingest_lag_records{type=\"staff\"}")).isZero();
        });
    }

    @Test
    void shouldAnswer503WithRetryAfterUntilTheStreamsInstanceRuns(@TempDir final Path otherState) {
        // Given a Streams instance that is attached but not started
        try (QueryServer idle = QueryServer.bind(pipeline.servingConfig())) {
            final KafkaStreams notStarted = pipeline.streams("serving-idle-it", otherState, idle.streamsProperties());
            try {
                idle.attach(notStarted);

                // When
                final HttpResponse<String> list = Http.get(idle.url() + "/api/v1/districts");
                final HttpResponse<String> one = Http.get(idle.url() + "/api/v1/districts/DB-MA");
                final HttpResponse<String> ready = Http.get(idle.url() + "/health/ready");
                final HttpResponse<String> live = Http.get(idle.url() + "/health/live");

                // Then
                for (final HttpResponse<String> unavailable : List.of(list, one, ready)) {
                    assertThat(unavailable.statusCode()).isEqualTo(503);
                    assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(unavailable.body()).doesNotContain("Exception").doesNotContain("\tat ");
                }
                assertThat(Http.json(list).get("message").asText()).contains("CREATED");
                assertThat(live.statusCode()).isEqualTo(200);
            } finally {
                notStarted.close(Duration.ofSeconds(5));
            }
        }
    }

    private static double sum(final JsonNode sets, final String indicator) {
        double total = 0;
        for (final JsonNode set : sets) {
            total += set.get("indicators").get(indicator).get("value").asDouble();
        }
        return total;
    }

    private static double metricValue(final String exposition, final String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(Double.NaN);
    }

    private static JsonNode parse(final String json) {
        try {
            return JSON.readTree(json);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
