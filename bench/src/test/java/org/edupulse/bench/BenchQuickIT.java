package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios 1 and 5 end to end, scaled down, on a real embedded broker: every figure is measured
 * and lands in the JSON. No timing thresholds: a shared machine decides those.
 */
class BenchQuickIT {

    @TempDir
    Path out;

    @Test
    void shouldMeasureIngestAndSerdeAndWriteEveryFieldAsJson() throws Exception {
        // Given a scaled-down quick run of ingest and serde
        final BenchSettings quick = BenchSettings.quickRun();
        final BenchSettings settings = new BenchSettings(true, Set.of("ingest", "serde"), 1, 5_000, 1_000, 1_000, 0, 0, 0, 0, 0, -1,
                1, 1_000, 0, 1, 1, quick.appJar(), quick.startupProfile(), out, false);
        final StringWriter log = new StringWriter();

        // When
        final Report report = BenchCommand.run(settings, new PrintWriter(log, true));
        final Path file = report.write(out);

        // Then
        assertThat(Files.exists(out.resolve("latest.json"))).isTrue();
        final JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.at("/machine/cores").asInt()).isPositive();
        assertThat(json.at("/settings/ingestRecords").asInt()).isEqualTo(5_000);
        final JsonNode results = json.get("results");
        // ingest against Kafka's tool and its pre-serialized breakdown, then serialize, deserialize and a published set
        assertThat(results).as(log.toString()).hasSize(5);
        for (final JsonNode row : results) {
            assertThat(row.get("scenario").asText()).isIn("1 ingest", "5 serde");
            for (final String field : new String[] {"ours", "reference", "ratio"}) {
                assertThat(row.get(field).asDouble()).as(row.toString() + "\n" + log).isPositive();
            }
            assertThat(row.get("oursSamples")).isNotEmpty().allMatch(JsonNode::isNumber);
            assertThat(row.get("referenceSamples")).isNotEmpty().allMatch(JsonNode::isNumber);
            assertThat(row.get("metric").asText()).isNotBlank();
            assertThat(row.get("note").asText()).isNotBlank();
        }
        assertThat(results.get(0).get("met").isBoolean()).isTrue();
        assertThat(results.get(1).get("metric").asText()).isEqualTo("pre-serialized rec/s");
        assertThat(results.get(4).get("metric").asText()).isEqualTo("serialize set ns/record");
        assertThat(report.table()).contains("1 ingest", "5 serde");
    }
}
