package org.edupulse.ingest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads a reject file back, so tests assert on its rows rather than on its bytes. */
final class RejectRows {

    /** One row of a reject file. */
    record Row(String line, String field, String reason, String raw) {
    }

    private RejectRows() {
    }

    static List<Row> read(final Path rejectFile) throws IOException {
        try (MappingIterator<Row> rows = new CsvMapper().readerFor(Row.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(rejectFile.toFile())) {
            return rows.readAll();
        }
    }
}
