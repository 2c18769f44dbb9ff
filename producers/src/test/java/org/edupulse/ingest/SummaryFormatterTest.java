package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SummaryFormatterTest {

    @Test
    void shouldSayAllRowsWereAccepted() {
        // Given
        final ImportSummary summary = new ImportSummary(12_345, 12_345, 0, 0, null);

        // When
        final String text = SummaryFormatter.format(Path.of("in", "staff.csv"), summary);

        // Then
        assertThat(text).isEqualTo("staff.csv: 12,345 read, 12,345 accepted, 0 rejected, 0 failed; all rows accepted");
    }

    @Test
    void shouldPointAtTheRejectFile() {
        // Given
        final Path rejects = Path.of("staff.csv.rejects.csv");
        final ImportSummary summary = new ImportSummary(10, 8, 1, 1, rejects);

        // When
        final String text = SummaryFormatter.format(Path.of("staff.csv"), summary);

        // Then
        assertThat(text).isEqualTo("staff.csv: 10 read, 8 accepted, 1 rejected, 1 failed; see staff.csv.rejects.csv");
    }
}
