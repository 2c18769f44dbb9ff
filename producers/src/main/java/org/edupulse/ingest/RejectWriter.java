package org.edupulse.ingest;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the reject file {@code FILE.rejects.csv} beside the input, one row per violation with
 * columns {@code line,field,reason,raw}, so a clerk can fix the rows and import them again. Text
 * cells that would start a spreadsheet formula get a leading single quote ({@link FormulaNeutraliser}):
 * a raw line is data from a school, and opening the file must not run it. The
 * file is created on the first reject only, and a stale one from an earlier run is deleted up
 * front, so its presence always means "this run rejected something". Thread-safe: publish
 * failures arrive on the sink's threads.
 */
final class RejectWriter implements Closeable {

    /** Suffix appended to the input file name. */
    static final String SUFFIX = ".rejects.csv";

    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("line")
            .addColumn("field")
            .addColumn("reason")
            .addColumn("raw")
            .setUseHeader(true)
            .build();

    private final Path file;
    private SequenceWriter writer;

    RejectWriter(final Path input) throws IOException {
        this.file = rejectFileOf(input);
        Files.deleteIfExists(file);
    }

    /** The reject file that goes with an input file. */
    static Path rejectFileOf(final Path input) {
        return input.resolveSibling(input.getFileName() + SUFFIX);
    }

    synchronized void write(final long line, final String raw, final List<Violation> violations) throws IOException {
        if (writer == null) {
            writer = new CsvMapper().writerFor(String[].class).with(SCHEMA)
                    .writeValues(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        }
        for (final Violation violation : violations) {
            writer.write(new String[] {Long.toString(line), FormulaNeutraliser.neutralise(violation.field()),
                FormulaNeutraliser.neutralise(violation.reason()), FormulaNeutraliser.neutralise(raw)});
        }
    }

    /** The reject file, or null when nothing was written. */
    synchronized Path writtenFile() {
        return writer == null ? null : file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
