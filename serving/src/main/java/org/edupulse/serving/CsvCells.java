package org.edupulse.serving;

import java.math.BigDecimal;
import org.edupulse.ingest.FormulaNeutraliser;

/** Cells of the CSV answers: text neutralised against formula injection and quoted as RFC 4180 asks; plain numbers. */
final class CsvCells {

    private CsvCells() {
    }

    /**
     * A text cell: with a leading quote when a spreadsheet would take it for a formula (the rule the
     * importer and the audit's {@code report.csv} share), then quoted when it holds a comma, a quote or
     * a line break. Null is an empty cell.
     */
    static String text(final String value) {
        return FormulaNeutraliser.csvCell(value);
    }

    /**
     * A number as the shortest decimal that reads back as the same double, never in exponent form and
     * never localised ({@code 75}, {@code 33.333333333333336}); null is an empty cell. Numbers do not
     * pass through the neutraliser, so a negative figure stays a number.
     */
    static String number(final Double value) {
        if (value == null) {
            return "";
        }
        if (value.isNaN() || value.isInfinite()) {
            return "";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
