package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the importer streams: a file far larger than any sensible buffer is imported, and at
 * every progress report the sink has already received every row read so far, while most of the
 * file is still unread. An importer that collected rows before publishing would fail this
 * whatever the machine's speed, because it asserts on order, not on time.
 */
class LargeFileImportTest {

    private static final int ROWS = 300_000;
    private static final int PROGRESS_EVERY = 10_000;

    @TempDir
    Path dir;

    @Test
    void shouldHandEachRowToTheSinkBeforeReadingMuchFurther() throws IOException {
        // Given
        final Path file = writeStaffFile(dir.resolve("staff.csv"));
        final AtomicLong published = new AtomicLong();
        final EventSink counting = record -> {
            published.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        };
        final List<long[]> reports = new ArrayList<>();
        final FileImporter importer = new FileImporter(TestEvents.parser(), PROGRESS_EVERY, 1_000);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, counting,
                (linesRead, bytesRead, totalBytes) -> reports.add(new long[] {linesRead, bytesRead, totalBytes, published.get()}));

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(ROWS, ROWS, 0, 0, null));
        assertThat(reports).hasSize(ROWS / PROGRESS_EVERY + 1);
        for (final long[] report : reports) {
            // every data row read so far (lines minus the header) has already reached the sink
            assertThat(report[3]).isEqualTo(report[0] - 1);
        }
        final long[] first = reports.get(0);
        assertThat(first[3]).isEqualTo(PROGRESS_EVERY);
        assertThat(first[1]).isLessThan(first[2] / 10);
        final long[] last = reports.get(reports.size() - 1);
        assertThat(last[1]).isEqualTo(last[2]);
    }

    private static Path writeStaffFile(final Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("staffId,schoolId,role,action,occurredAt\n");
            for (int i = 0; i < ROWS; i++) {
                // String.format is too slow for 300,000 rows; two-digit fields are padded by hand
                out.write("NV-" + (1_000_000 + i) + ",DB-MA-TH-" + twoDigits(i % 50) + ",TEACHER,JOINED,2025-03-01T08:"
                        + twoDigits(i / 60 % 60) + ":" + twoDigits(i % 60) + "+07:00\n");
            }
        }
        return file;
    }

    private static String twoDigits(final int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
