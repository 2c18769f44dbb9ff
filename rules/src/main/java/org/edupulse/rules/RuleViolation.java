package org.edupulse.rules;

import java.util.Objects;

/**
 * One rule an event breaks, naming the field so that whoever sent it can fix it: the importer writes
 * it to the reject file, the gateway answers it, the pipeline puts it in the dead letter's reason.
 *
 * @param field  the Avro field name
 * @param reason what is wrong, with the limit and the offending value (or its size) where useful
 */
public record RuleViolation(String field, String reason) {

    public RuleViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    /** The violation as one sentence, e.g. {@code field hours must be greater than 0: 0.0}. */
    public String describe() {
        return "field " + field + " " + reason;
    }
}
