package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void shouldRenderTheBarRateAndEta() {
        // Given half the bytes read in 5 s
        final Duration elapsed = Duration.ofSeconds(5);

        // When
        final String line = ProgressBar.render(150_000, 5_000_000, 10_000_000, elapsed, 20);

        // Then
        assertThat(line).isEqualTo("[##########----------]  50.0%  150,000 lines  30,000 lines/s  ETA 00:05");
    }

    @Test
    void shouldShowHoursInALongEta() {
        // Given 1% read in 60 s
        final Duration elapsed = Duration.ofSeconds(60);

        // When
        final String line = ProgressBar.render(1_000, 1_000, 100_000, elapsed, 10);

        // Then
        assertThat(line).isEqualTo("[----------]   1.0%  1,000 lines  17 lines/s  ETA 1:39:00");
    }

    @Test
    void shouldShowUnknownRateAndEtaAtTheStart() {
        // Given / When
        final String line = ProgressBar.render(0, 0, 1_000, Duration.ZERO, 10);

        // Then
        assertThat(line).isEqualTo("[----------]   0.0%  0 lines  -- lines/s  ETA --:--");
    }

    @Test
    void shouldShowAFullBarWhenDoneOrForAnEmptyFile() {
        // Given / When
        final String done = ProgressBar.render(10, 1_000, 1_000, Duration.ofSeconds(2), 4);
        final String empty = ProgressBar.render(0, 0, 0, Duration.ofSeconds(1), 4);

        // Then
        assertThat(done).isEqualTo("[####] 100.0%  10 lines  5 lines/s  ETA 00:00");
        assertThat(empty).isEqualTo("[####] 100.0%  0 lines  0 lines/s  ETA 00:00");
    }

    @Test
    void shouldUseTheDefaultWidth() {
        // Given / When
        final String line = ProgressBar.render(1, 1, 2, Duration.ofSeconds(1));

        // Then
        assertThat(line).startsWith("[" + "#".repeat(15) + "-".repeat(15) + "]");
    }
}
