package org.edupulse.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Imports one CSV or NDJSON file: every valid row goes to the {@link EventSink}, every invalid
 * row to the reject file beside the input, and the import reports only when every publication
 * has completed, so nothing is lost between "read" and "acknowledged". Rows are read, parsed and
 * handed on one at a time, so memory stays flat whatever the file size; the only buffer is the
 * bounded number of publications in flight.
 */
public final class FileImporter {

    /** Rows between two progress reports, by default. */
    public static final int DEFAULT_PROGRESS_EVERY_ROWS = 1_000;

    /** Publications allowed in flight at once, by default. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

    private final EventParser parser;
    private final int progressEveryRows;
    private final int maxInFlight;

    public FileImporter(final EventParser parser, final int progressEveryRows, final int maxInFlight) {
        this.parser = Objects.requireNonNull(parser, "parser");
        if (progressEveryRows < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("progressEveryRows and maxInFlight must be at least 1");
        }
        this.progressEveryRows = progressEveryRows;
        this.maxInFlight = maxInFlight;
    }

    public FileImporter(final EventParser parser) {
        this(parser, DEFAULT_PROGRESS_EVERY_ROWS, DEFAULT_MAX_IN_FLIGHT);
    }

    /**
     * Imports the file, whose format follows from its extension ({@link InputFormat#of(Path)}).
     *
     * @throws IOException when the file cannot be read or the reject file cannot be written;
     *                     rows already handed to the sink stay published, and importing the file
     *                     again is safe because event ids are derived from content
     */
    public ImportSummary importFile(final Path file, final EventType type, final EventSink sink,
                                    final ProgressListener progress) throws IOException {
        final InputFormat format = InputFormat.of(file);
        final long totalBytes = Files.size(file);
        long read = 0;
        long rejected = 0;
        try (RejectWriter rejects = new RejectWriter(file);
             RowSource rows = open(format, file, type)) {
            final PublishTracker tracker = new PublishTracker(sink, rejects, maxInFlight);
            for (SourceRow row = rows.next(); row != null; row = rows.next()) {
                read++;
                if (row.result().isValid()) {
                    tracker.publish(row.line(), row.raw(), row.result().record());
                } else {
                    rejected++;
                    rejects.write(row.line(), row.raw(), row.result().violations());
                }
                if (read % progressEveryRows == 0) {
                    progress.onProgress(rows.linesRead(), rows.bytesRead(), totalBytes);
                }
            }
            tracker.awaitAll();
            progress.onProgress(rows.linesRead(), rows.bytesRead(), totalBytes);
            return new ImportSummary(read, tracker.accepted(), rejected, tracker.failed(), rejects.writtenFile());
        }
    }

    private RowSource open(final InputFormat format, final Path file, final EventType type) throws IOException {
        final LineReader lines = new LineReader(file);
        return format == InputFormat.CSV
                ? new CsvRowSource(lines, type, parser)
                : new NdjsonRowSource(lines, type, parser);
    }
}
