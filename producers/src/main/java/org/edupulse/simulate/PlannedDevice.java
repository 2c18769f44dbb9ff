package org.edupulse.simulate;

import java.time.Instant;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.topics.Topics;

/** A device in service at the end of the history, with the attributes its last event carries. */
record PlannedDevice(String deviceId, String schoolId, DeviceType type, DevicePurpose purpose, boolean has4gSim,
                     DeviceSource source, String programme) {

    /** The same device somewhere else or for another purpose, for the steps before its final one. */
    PlannedDevice at(final String otherSchoolId, final DevicePurpose otherPurpose) {
        return new PlannedDevice(deviceId, otherSchoolId, type, otherPurpose, has4gSim, source, programme);
    }

    /** The simulated event of one life-cycle step of this device; every event repeats its attributes. */
    SimulatedEvent event(final String eventId, final DeviceAction action, final Instant occurredAt) {
        final DeviceEvent event = DeviceEvent.newBuilder()
                .setEventId(eventId)
                .setDeviceId(deviceId)
                .setSchoolId(schoolId)
                .setType(type)
                .setPurpose(purpose)
                .setHas4gSim(has4gSim)
                .setAction(action)
                .setSource(source)
                .setProgramme(programme)
                .setOccurredAt(occurredAt)
                .build();
        return new SimulatedEvent(Topics.DEVICE_EVENTS, schoolId, event);
    }
}
