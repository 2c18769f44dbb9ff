package org.edupulse.ingest;

import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * The outcome of parsing one row or JSON object: a record ready to publish, or the full list of
 * what is wrong with it. Never both, so a caller cannot publish a record that has violations.
 *
 * @param record     the record, or null when there are violations
 * @param violations every problem found, empty when the record is valid
 */
public record ParseResult(SpecificRecord record, List<Violation> violations) {

    public ParseResult {
        violations = List.copyOf(violations);
        if ((record == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("exactly one of record and violations must be given");
        }
    }

    public static ParseResult valid(final SpecificRecord record) {
        return new ParseResult(Objects.requireNonNull(record, "record"), List.of());
    }

    public static ParseResult invalid(final List<Violation> violations) {
        return new ParseResult(null, violations);
    }

    public boolean isValid() {
        return record != null;
    }
}
