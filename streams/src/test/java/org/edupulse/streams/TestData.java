package org.edupulse.streams;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;

/** Builders with valid defaults around the generated Avro builders; tests set only what they are about. */
final class TestData {

    static final String PROVINCE = "P11";
    static final LocalDate REFERENCE_DATE = LocalDate.of(2024, 1, 1);

    private TestData() {
    }

    static School.Builder school(final String schoolId, final String districtId) {
        return School.newBuilder()
                .setSchoolId(schoolId)
                .setName("School " + schoolId)
                .setLevel(SchoolLevel.PRIMARY)
                .setCommuneId("C-" + schoolId)
                .setCommuneName("Commune " + schoolId)
                .setDistrictId(districtId)
                .setDistrictName("District " + districtId)
                .setProvinceId(PROVINCE)
                .setProvinceName("Điện Biên")
                .setLearnersEnrolled(100)
                .setInternet(Connectivity.FIXED_BROADBAND)
                .setInternetForTeaching(true)
                .setEffectiveFrom(REFERENCE_DATE);
    }

    static StaffEvent.Builder staff(final String eventId, final String staffId, final String schoolId,
                                    final Instant occurredAt) {
        return StaffEvent.newBuilder()
                .setEventId(eventId)
                .setStaffId(staffId)
                .setSchoolId(schoolId)
                .setRole(StaffRole.TEACHER)
                .setAction(StaffAction.JOINED)
                .setOccurredAt(occurredAt);
    }

    static CertificationEvent.Builder certification(final String eventId, final String staffId, final String schoolId,
                                                    final CertificationLevel level, final Instant occurredAt) {
        return CertificationEvent.newBuilder()
                .setEventId(eventId)
                .setStaffId(staffId)
                .setSchoolId(schoolId)
                .setLevel(level)
                .setAction(CertificationAction.AWARDED)
                .setIssuer("DOET")
                .setOccurredAt(occurredAt);
    }

    static DeviceEvent.Builder device(final String eventId, final String deviceId, final String schoolId,
                                      final Instant occurredAt) {
        return DeviceEvent.newBuilder()
                .setEventId(eventId)
                .setDeviceId(deviceId)
                .setSchoolId(schoolId)
                .setType(DeviceType.DESKTOP)
                .setPurpose(DevicePurpose.TEACHING)
                .setHas4gSim(false)
                .setAction(DeviceAction.RECEIVED)
                .setSource(DeviceSource.PURCHASE)
                .setProgramme(null)
                .setOccurredAt(occurredAt);
    }

    static TrainingEvent.Builder training(final String eventId, final String schoolId, final Instant occurredAt) {
        return TrainingEvent.newBuilder()
                .setEventId(eventId)
                .setSchoolId(schoolId)
                .setSessionId("session-" + eventId)
                .setTopic(TrainingTopic.BASIC_IT)
                .setAudience(Audience.STAFF)
                .setParticipantCount(10)
                .setStaffIds(List.of())
                .setHours(2.0)
                .setOccurredAt(occurredAt);
    }
}
