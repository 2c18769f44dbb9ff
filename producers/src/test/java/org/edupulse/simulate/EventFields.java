package org.edupulse.simulate;

import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Reads the fields every event type shares, by name, so tests can treat events alike. */
final class EventFields {

    private EventFields() {
    }

    /** The event id, or null for records without one (schools). */
    static String eventId(final SpecificRecord record) {
        final Schema.Field field = record.getSchema().getField("eventId");
        return field == null ? null : (String) record.get(field.pos());
    }

    /** The event time, or null for records without one (schools). */
    static Instant occurredAt(final SpecificRecord record) {
        final Schema.Field field = record.getSchema().getField("occurredAt");
        return field == null ? null : (Instant) record.get(field.pos());
    }

    /** The school id every record carries. */
    static String schoolId(final SpecificRecord record) {
        return (String) record.get(record.getSchema().getField("schoolId").pos());
    }
}
