package org.edupulse.ingest;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rows of a CSV file whose first line names the columns. Physical lines are joined while a quoted
 * field is open (a cell may hold a line break), then the row is split by Jackson's CSV parser; so
 * each reject carries the row's first line number and its exact text. A quote left open for
 * {@value #MAX_LINES_PER_ROW} lines, or to the end of the file, rejects only its own line and the
 * following lines are read again as rows, so one stray quote neither eats the file nor the memory.
 */
final class CsvRowSource implements RowSource {

    /** A row may span at most this many physical lines. */
    static final int MAX_LINES_PER_ROW = 20;

    static final Violation NOT_UTF8 = new Violation(Violation.LINE,
            "not valid UTF-8; save the file with UTF-8 encoding");

    static final Violation UTF16 = new Violation(Violation.LINE,
            "the file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8; save it with UTF-8 encoding"
                    + " (in Excel: 'CSV UTF-8')");

    private static final ObjectReader ROW_READER = new CsvMapper()
            .readerFor(String[].class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private final LineReader lines;
    private final EventType type;
    private final EventParser parser;
    private final Deque<NumberedLine> pushedBack = new ArrayDeque<>();
    private final Set<String> listFields;
    private String[] header;
    private List<Violation> headerProblems = List.of();

    CsvRowSource(final LineReader lines, final EventType type, final EventParser parser) {
        this.lines = lines;
        this.type = type;
        this.parser = parser;
        this.listFields = type.listFields();
    }

    @Override
    public SourceRow next() throws IOException {
        if (header == null && !readHeader()) {
            return null;
        }
        NumberedLine first = nextLine();
        while (first != null && first.text().isBlank()) {
            first = nextLine();
        }
        if (first == null) {
            return null;
        }
        final StringBuilder raw = new StringBuilder(first.text());
        boolean open = hasOddQuotes(first.text());
        final Deque<NumberedLine> continuation = new ArrayDeque<>();
        while (open && continuation.size() < MAX_LINES_PER_ROW - 1) {
            final NumberedLine more = nextLine();
            if (more == null) {
                break;
            }
            continuation.addLast(more);
            raw.append('\n').append(more.text());
            open ^= hasOddQuotes(more.text());
        }
        if (open) {
            continuation.descendingIterator().forEachRemaining(pushedBack::addFirst);
            return rejected(first, new Violation(Violation.LINE, "a quoted field is not closed (unbalanced '\"')"));
        }
        return parseRow(first.number(), raw.toString());
    }

    private SourceRow parseRow(final long line, final String raw) {
        if (lines.isUtf16()) {
            return new SourceRow(line, raw, ParseResult.invalid(List.of(UTF16)));
        }
        if (raw.indexOf(LineReader.REPLACEMENT) >= 0) {
            return new SourceRow(line, raw, ParseResult.invalid(List.of(NOT_UTF8)));
        }
        if (!headerProblems.isEmpty()) {
            return new SourceRow(line, raw, ParseResult.invalid(headerProblems));
        }
        final String[] values;
        try {
            values = split(raw);
        } catch (IOException e) {
            return new SourceRow(line, raw, ParseResult.invalid(List.of(new Violation(Violation.LINE, "malformed CSV: " + e.getMessage()))));
        }
        if (values.length != header.length) {
            return new SourceRow(line, raw, ParseResult.invalid(List.of(new Violation(Violation.LINE,
                    "expected " + header.length + " columns as in the header, found " + values.length))));
        }
        final Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            fields.put(header[i], listFields.contains(header[i]) ? splitList(values[i]) : values[i]);
        }
        return new SourceRow(line, raw, parser.parse(type, fields));
    }

    private boolean readHeader() throws IOException {
        NumberedLine line = nextLine();
        while (line != null && line.text().isBlank()) {
            line = nextLine();
        }
        if (line == null) {
            return false;
        }
        header = Arrays.stream(split(line.text())).map(String::trim).toArray(String[]::new);
        headerProblems = isHeader(header) ? headerProblems(header) : List.of(new Violation("(header)",
                "line " + line.number() + " is not a header: none of its cells names a column of " + type.cliName()
                        + "; the first line must name the columns, e.g. " + String.join(",", type.fields())));
        return true;
    }

    /** A header names at least one column of the type, in any case; a first line of data names none. */
    private boolean isHeader(final String[] names) {
        return Arrays.stream(names).anyMatch(name -> type.fields().stream().anyMatch(name::equalsIgnoreCase));
    }

    private static List<Violation> headerProblems(final String[] names) {
        final Set<String> seen = new HashSet<>();
        final Violations problems = new Violations();
        for (int i = 0; i < names.length; i++) {
            if (names[i].isEmpty()) {
                problems.add("(header)", "column " + (i + 1) + " has no name");
            } else if (!seen.add(names[i])) {
                problems.add(names[i], "column appears more than once in the header");
            }
        }
        return problems.toList();
    }

    private static List<String> splitList(final String cell) {
        return cell.isBlank() ? List.of() : Arrays.asList(cell.split(";", -1));
    }

    private static String[] split(final String text) throws IOException {
        try (MappingIterator<String[]> rows = ROW_READER.readValues(text)) {
            return rows.hasNextValue() ? rows.nextValue() : new String[0];
        }
    }

    private static boolean hasOddQuotes(final String text) {
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    private SourceRow rejected(final NumberedLine line, final Violation violation) {
        return new SourceRow(line.number(), line.text(), ParseResult.invalid(List.of(violation)));
    }

    private NumberedLine nextLine() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.removeFirst();
        }
        final String text = lines.readLine();
        return text == null ? null : new NumberedLine(lines.lineNumber(), text);
    }

    @Override
    public long linesRead() {
        return lines.lineNumber() - pushedBack.size();
    }

    @Override
    public long bytesRead() {
        return lines.bytesRead();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private record NumberedLine(long number, String text) {
    }
}
