package org.edupulse.ingest;

import java.util.Objects;

/**
 * One problem found in an input row or record, naming the field so a school clerk can fix it.
 * Parsing collects every violation instead of stopping at the first, so one round trip fixes a row.
 * Pseudo-fields in parentheses name problems that belong to no field: {@code (line)} for an
 * unreadable line, {@code (publish)} for a record the sink failed to take.
 *
 * @param field  Avro field name, or a pseudo-field in parentheses
 * @param reason human-readable reason, including the offending value where useful
 */
public record Violation(String field, String reason) {

    /** Pseudo-field of a line that could not be read as a row at all. */
    public static final String LINE = "(line)";

    /** Pseudo-field of a valid record that the sink failed to publish. */
    public static final String PUBLISH = "(publish)";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
