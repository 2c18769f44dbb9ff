package org.edupulse.ingest;

import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;

/** Field-by-field mapping of a staff-roster row to a {@link StaffEvent}. */
final class StaffMapper implements RecordMapper {

    @Override
    public SpecificRecord map(final FieldReader in) {
        final StaffEvent event = new StaffEvent();
        in.optionalString("eventId", event::setEventId);
        in.requiredString("staffId", event::setStaffId);
        in.requiredString("schoolId", event::setSchoolId);
        in.requiredEnum("role", StaffRole.class, event::setRole);
        in.requiredEnum("action", StaffAction.class, event::setAction);
        in.requiredInstant("occurredAt", event::setOccurredAt);
        in.optionalString("teamCommuneId", event::setTeamCommuneId);
        return event;
    }
}
