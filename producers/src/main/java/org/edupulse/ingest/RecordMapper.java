package org.edupulse.ingest;

import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a flat field map into one type's Avro record. The record is filled with whatever
 * converted, so that the validator can still check the other fields of a row that has a syntax
 * problem; it is only published when no violation was found.
 */
@FunctionalInterface
interface RecordMapper {

    SpecificRecord map(FieldReader in);
}
