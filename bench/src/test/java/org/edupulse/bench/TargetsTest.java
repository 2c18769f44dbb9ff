package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The issue #19 targets of the rows whose figures need a broker to measure, checked on given figures. */
class TargetsTest {

    @Test
    void shouldJudgeTheAggregateMedianAgainstFiftyThousandEventsPerSecond() {
        // When: medians 50,000 and 49,999 events/s
        final Result met = AggregateScenario.rateRow(List.of(10_000.0, 50_000.0, 90_000.0), "");
        final Result notMet = AggregateScenario.rateRow(List.of(49_999.0, 120_000.0, 1_000.0), "");

        // Then
        assertThat(met.target()).isEqualTo(">= 50,000 events/s");
        assertThat(met.met()).isTrue();
        assertThat(notMet.met()).isFalse();
    }

    @Test
    void shouldJudgeTheLatencyP99AtTheIssuesRateOnly() {
        // When: median p99 240 ms, then 250 ms, at 1,000 events/s; 100 ms at 300 events/s
        final Result met = LatencyScenario.p99Row(List.of(200.0, 240.0, 400.0), 1_000);
        final Result atLimit = LatencyScenario.p99Row(List.of(250.0), 1_000);
        final Result slower = LatencyScenario.p99Row(List.of(100.0), 300);

        // Then
        assertThat(met.target()).isEqualTo("< 250 ms");
        assertThat(met.met()).isTrue();
        assertThat(atLimit.met()).isFalse();
        assertThat(slower.met()).isNull();
        assertThat(slower.note()).contains("not judged", "300 events/s", "1,000 events/s");
    }

    @Test
    void shouldJudgeIngestAndReplayRatiosAsTheIssueSetsThem() {
        // Given the full run's defaults, whose ingest and replay rows the issue sizes at 1,000,000 records
        final BenchSettings full = BenchSettings.full();

        // Then
        assertThat(full.ingestRecords()).isEqualTo(1_000_000);
        assertThat(full.replayEvents()).isEqualTo(1_000_000);
        assertThat(full.events()).isEqualTo(1_000_000);
        assertThat(full.latencyRate()).isEqualTo(LatencyScenario.TARGET_RATE);
        assertThat(IngestScenario.TARGET_RATIO).isEqualTo(0.8);
        assertThat(ReplayScenario.TARGET_RATIO).isEqualTo(0.25);
    }
}
