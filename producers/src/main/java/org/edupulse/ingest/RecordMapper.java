package org.edupulse.ingest;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a flat field map into one type's Avro record. The record is filled with whatever
 * converted, so that the validator can still check the other fields of a row that has a syntax
 * problem; it is only published when no violation was found.
 */
@FunctionalInterface
interface RecordMapper {

    SpecificRecord map(FieldReader in);

    /** Fields that are neither nullable nor lists but may be left out, taking their Avro default. */
    default Set<String> optionalFields() {
        return Set.of();
    }
}
