package org.edupulse.serving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Writes {@link Table}s as CSV (one table) and as an Excel workbook (one sheet per table). */
final class TableFiles {

    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Excel refuses a sheet name longer than 31 characters or holding any of these. */
    private static final int SHEET_NAME_MAX = 31;
    private static final String SHEET_NAME_FORBIDDEN = "[\\\\/?*\\[\\]:]";

    private TableFiles() {
    }

    /**
     * The table as CSV, UTF-8 with a byte-order mark so that Excel reads the Vietnamese as UTF-8: text
     * neutralised against formula injection and quoted as RFC 4180 asks, numbers plain, null empty.
     */
    static String csv(final Table table) {
        final StringBuilder out = new StringBuilder("\uFEFF");
        row(out, List.copyOf(table.headers()));
        for (final List<Object> row : table.rows()) {
            row(out, row);
        }
        return out.toString();
    }

    private static void row(final StringBuilder out, final List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            final Object cell = cells.get(i);
            if (cell instanceof Number number) {
                out.append(CsvCells.number(number.doubleValue()));
            } else if (cell instanceof Boolean bool) {
                out.append(bool);
            } else if (cell != null) {
                out.append(CsvCells.text(cell.toString()));
            }
        }
        out.append('\n');
    }

    /** The tables as one workbook, a sheet per table named by its title, headings in bold, numbers as numbers. */
    static byte[] xlsx(final List<Table> tables) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(bytes, "EduPulse", "1.0")) {
            final Set<String> names = new HashSet<>();
            for (final Table table : tables) {
                final Worksheet sheet = workbook.newWorksheet(sheetName(table.title(), names));
                for (int c = 0; c < table.headers().size(); c++) {
                    sheet.value(0, c, table.headers().get(c));
                }
                sheet.range(0, 0, 0, table.headers().size() - 1).style().bold().wrapText(true).set();
                sheet.freezePane(1, 1);
                for (int r = 0; r < table.rows().size(); r++) {
                    final List<Object> row = table.rows().get(r);
                    for (int c = 0; c < row.size(); c++) {
                        final Object cell = row.get(c);
                        if (cell instanceof Number number) {
                            sheet.value(r + 1, c, number);
                        } else if (cell instanceof Boolean bool) {
                            sheet.value(r + 1, c, bool);
                        } else if (cell != null) {
                            sheet.value(r + 1, c, cell.toString());
                        }
                    }
                }
                sheet.width(0, 16);
                sheet.width(1, 28);
            }
            workbook.finish();
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write the workbook", e);
        }
        return bytes.toByteArray();
    }

    /** A sheet name Excel accepts, unique within the workbook. */
    static String sheetName(final String title, final Set<String> taken) {
        final String clean = title.replaceAll(SHEET_NAME_FORBIDDEN, " ").strip();
        final String base = clean.isEmpty() ? "Sheet" : clean.length() > SHEET_NAME_MAX
                ? clean.substring(0, SHEET_NAME_MAX) : clean;
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
            final String suffix = " (" + n + ")";
            name = base.substring(0, Math.min(base.length(), SHEET_NAME_MAX - suffix.length())) + suffix;
        }
        return name;
    }
}
