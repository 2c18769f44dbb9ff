package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImportSummaryTest {

    @Test
    void shouldExitWithZeroWhenEveryRowWasAccepted() {
        // Given
        final ImportSummary summary = new ImportSummary(5, 5, 0, 0, null);

        // When / Then
        assertThat(summary.exitCode()).isZero();
    }

    @Test
    void shouldExitWithTwoWhenRowsWereRejectedOrFailed() {
        // Given
        final ImportSummary rejected = new ImportSummary(5, 4, 1, 0, Path.of("x.csv.rejects.csv"));
        final ImportSummary failed = new ImportSummary(5, 4, 0, 1, Path.of("x.csv.rejects.csv"));

        // When / Then
        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(failed.exitCode()).isEqualTo(2);
    }

    @Test
    void shouldExitWithZeroForAnEmptyFile() {
        // Given
        final ImportSummary empty = new ImportSummary(0, 0, 0, 0, null);

        // When / Then
        assertThat(empty.exitCode()).isZero();
    }
}
