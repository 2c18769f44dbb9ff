package org.edupulse.ingest;

/**
 * Keeps a text cell of a CSV file that EduPulse writes from being run as a formula when a clerk opens
 * the file in a spreadsheet. Names and raw lines are data from schools, and a cell such as
 * {@code =HYPERLINK("http://...","Click")} would otherwise be a live formula. The OWASP rule: a cell
 * that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a
 * leading single quote, so the spreadsheet shows it as text. Numbers that EduPulse formats itself (line
 * numbers, figures) are not text cells and do not pass through here, so they stay numbers.
 *
 * <p>Public because the importer's reject file and the audit's {@code report.csv} share it: one rule,
 * one place (the audit depends on this module for it).
 */
public final class FormulaNeutraliser {

    private FormulaNeutraliser() {
    }

    /** {@code text} with a leading single quote when it would start a formula; null stays null. */
    public static String neutralise(final String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /**
     * A CSV text cell: neutralised as above, then quoted as RFC 4180 asks when it holds a comma, a quote
     * or a line break; null is an empty cell. Numbers are written by their callers, never through here,
     * so a negative figure stays a number.
     */
    public static String csvCell(final String value) {
        if (value == null) {
            return "";
        }
        final String text = neutralise(value);
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
