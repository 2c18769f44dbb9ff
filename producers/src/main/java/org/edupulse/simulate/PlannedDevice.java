package org.edupulse.simulate;

import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;

/** A device in service at the end of the history, with the attributes its last event carries. */
record PlannedDevice(String deviceId, String schoolId, DeviceType type, DevicePurpose purpose, boolean has4gSim,
                     DeviceSource source, String programme) {

    /** The same device somewhere else or for another purpose, for the steps before its final one. */
    PlannedDevice at(final String otherSchoolId, final DevicePurpose otherPurpose) {
        return new PlannedDevice(deviceId, otherSchoolId, type, otherPurpose, has4gSim, source, programme);
    }
}
