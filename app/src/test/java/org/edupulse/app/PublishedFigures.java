package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.UnitFigures;

/**
 * The figures a running demo's HTTP API publishes for every district and the province, and the
 * comparison with the independent fold of the events ({@link ExpectedFigures}), shared by the demo's
 * integration tests.
 */
final class PublishedFigures {

    static final String SESSIONS = "training.sessions.total";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedFigures() {
    }

    /** Every unit's figures (indicator id to numerator) as the HTTP API publishes them, the province's under its id. */
    static Map<String, Map<String, Double>> of(final String http) throws IOException, InterruptedException {
        final Map<String, Map<String, Double>> units = new HashMap<>();
        for (final JsonNode unit : get(http + "/api/v1/districts")) {
            units.put(unit.get("unitId").asText(), numerators(unit));
        }
        final HttpResponse<String> province = HTTP.send(HttpRequest.newBuilder(URI.create(http + "/api/v1/provinces/DB"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (province.statusCode() != 404) {
            assertThat(province.statusCode()).as(province.body()).isEqualTo(200);
            units.put("DB", numerators(JSON.readTree(province.body())));
        }
        return units;
    }

    /** Stocks and sessions of every district and the province exactly (as deploy-it's PublishedFigures checks them). */
    static void assertMatches(final Map<String, Map<String, Double>> published, final ExpectedFigures expected) {
        final Map<String, UnitFigures> units = new LinkedHashMap<>(expected.districts());
        units.put(expected.province().unitId(), expected.province());
        final SoftAssertions softly = new SoftAssertions();
        units.forEach((unitId, f) -> {
            assertThat(published).as("published units").containsKey(unitId);
            final Map<String, Double> actual = published.get(unitId);
            final Map<String, Long> counts = f.byIndicator();
            counts.forEach((indicator, value) -> softly.assertThat(Math.round(actual.get(indicator)))
                    .as(unitId + " " + indicator).isEqualTo(value));
            softly.assertThat(Math.round(actual.get(SESSIONS))).as(unitId + " sessions held")
                    .isEqualTo(f.trainingSessions());
        });
        softly.assertAll();
    }

    private static JsonNode get(final String url) throws IOException, InterruptedException {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, Double> numerators(final JsonNode unit) {
        final Map<String, Double> figures = new HashMap<>();
        unit.get("indicators").fields().forEachRemaining(e -> figures.put(e.getKey(), e.getValue().get("numerator").asDouble()));
        return figures;
    }
}
