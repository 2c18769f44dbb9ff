package org.edupulse.ingest;

import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;

/** Field-by-field mapping of a certificate-register row to a {@link CertificationEvent}. */
final class CertificationMapper implements RecordMapper {

    @Override
    public SpecificRecord map(final FieldReader in) {
        final CertificationEvent event = new CertificationEvent();
        in.optionalString("eventId", event::setEventId);
        in.requiredString("staffId", event::setStaffId);
        in.requiredString("schoolId", event::setSchoolId);
        in.requiredEnum("level", CertificationLevel.class, event::setLevel);
        in.requiredEnum("action", CertificationAction.class, event::setAction);
        in.optionalString("issuer", event::setIssuer);
        in.requiredInstant("occurredAt", event::setOccurredAt);
        return event;
    }
}
