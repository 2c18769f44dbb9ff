package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Machine MACHINE = new Machine(2, 24.0, "OpenJDK 17", "Linux", "1.00 2.00 3.00");

    private static Report report() {
        return new Report(Instant.parse("2026-11-29T12:00:00Z"), MACHINE, MACHINE, Map.of("quick", true), List.of(
                Result.throughputVs("1 ingest", "records/s", List.of(90_000.0, 100_000.0, 80_000.0),
                        List.of(200_000.0, 100_000.0, 150_000.0), 0.8, "side by side"),
                Result.alone("3 latency", "p99 ms", List.of(300.0), "< 250 ms", false, ""),
                Result.notMeasured("4 replay", "records/s", "ratio >= 0.6", "replay not available yet")));
    }

    @Test
    void shouldReportMediansAndTheirRatioAgainstTheTarget() {
        // Given / When
        final Result ingest = report().results().get(0);

        // Then: medians 90,000 and 150,000, ratio 0.6 < 0.8
        assertThat(ingest.ours()).isEqualTo(90_000.0);
        assertThat(ingest.reference()).isEqualTo(150_000.0);
        assertThat(ingest.ratio()).isEqualTo(0.6);
        assertThat(ingest.met()).isFalse();
    }

    @Test
    void shouldPrintOneAlignedRowPerResultWithDashesForWhatIsMissing() {
        // When
        final String[] lines = report().table().split("\\R");

        // Then
        assertThat(lines[0]).startsWith("scenario").contains("ours", "reference", "ratio", "target", "met");
        assertThat(lines[2]).contains("1 ingest", "90,000", "150,000", "0.60", "ratio >= 0.8", "NO");
        assertThat(lines[3]).contains("3 latency", "300", "< 250 ms", "NO");
        assertThat(lines[4]).contains("4 replay").doesNotContain("NaN");
        assertThat(lines[2].indexOf("records/s")).isEqualTo(lines[4].indexOf("records/s"));
        assertThat(String.join("\n", lines)).contains("4 replay / records/s: not measured: replay not available yet");
    }

    @Test
    void shouldWriteTheSameRowsAsJsonWithMachineAndSamples() throws Exception {
        // When
        final JsonNode json = new ObjectMapper().readTree(report().json());

        // Then
        assertThat(json.at("/machine/cores").asInt()).isEqualTo(2);
        assertThat(json.at("/machine/loadAverageBefore").asText()).isEqualTo("1.00 2.00 3.00");
        assertThat(json.at("/settings/quick").asBoolean()).isTrue();
        final JsonNode ingest = json.at("/results/0");
        assertThat(ingest.get("scenario").asText()).isEqualTo("1 ingest");
        assertThat(ingest.get("ratio").asDouble()).isEqualTo(0.6);
        assertThat(ingest.get("met").asBoolean()).isFalse();
        assertThat(ingest.get("oursSamples")).hasSize(3);
        final JsonNode replay = json.at("/results/2");
        assertThat(replay.get("ours").isNull()).isTrue();
        assertThat(replay.get("note").asText()).startsWith("not measured");
    }
}
