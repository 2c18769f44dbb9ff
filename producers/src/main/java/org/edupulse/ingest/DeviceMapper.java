package org.edupulse.ingest;

import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;

/** Field-by-field mapping of an asset-inventory row to a {@link DeviceEvent}. */
final class DeviceMapper implements RecordMapper {

    @Override
    public SpecificRecord map(final FieldReader in) {
        final DeviceEvent event = new DeviceEvent();
        in.optionalString("eventId", event::setEventId);
        in.requiredString("deviceId", event::setDeviceId);
        in.requiredString("schoolId", event::setSchoolId);
        in.requiredEnum("type", DeviceType.class, event::setType);
        in.requiredEnum("purpose", DevicePurpose.class, event::setPurpose);
        in.requiredBoolean("has4gSim", event::setHas4gSim);
        in.requiredEnum("action", DeviceAction.class, event::setAction);
        in.requiredEnum("source", DeviceSource.class, event::setSource);
        in.optionalString("programme", event::setProgramme);
        in.requiredInstant("occurredAt", event::setOccurredAt);
        return event;
    }
}
