package org.edupulse.ingest;

import java.io.IOException;
import java.util.List;

/** Rows of an NDJSON file: one JSON object per line, exactly what the HTTP gateway accepts. */
final class NdjsonRowSource implements RowSource {

    private final LineReader lines;
    private final EventType type;
    private final EventParser parser;

    NdjsonRowSource(final LineReader lines, final EventType type, final EventParser parser) {
        this.lines = lines;
        this.type = type;
        this.parser = parser;
    }

    @Override
    public SourceRow next() throws IOException {
        String line = lines.readLine();
        while (line != null && line.isBlank()) {
            line = lines.readLine();
        }
        if (line == null) {
            return null;
        }
        if (lines.isUtf16()) {
            return new SourceRow(lines.lineNumber(), line, ParseResult.invalid(List.of(CsvRowSource.UTF16)));
        }
        if (line.indexOf(LineReader.REPLACEMENT) >= 0) {
            return new SourceRow(lines.lineNumber(), line, ParseResult.invalid(List.of(CsvRowSource.NOT_UTF8)));
        }
        return new SourceRow(lines.lineNumber(), line, parser.parseJsonLine(type, line));
    }

    @Override
    public long linesRead() {
        return lines.lineNumber();
    }

    @Override
    public long bytesRead() {
        return lines.bytesRead();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
