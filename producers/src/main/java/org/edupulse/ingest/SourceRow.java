package org.edupulse.ingest;

/**
 * One row of an input file, parsed.
 *
 * @param line   1-based physical line the row starts on
 * @param raw    the row's original text (several lines for a CSV row with a quoted line break)
 * @param result the record, or what is wrong with the row
 */
record SourceRow(long line, String raw, ParseResult result) {
}
