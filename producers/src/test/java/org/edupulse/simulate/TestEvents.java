package org.edupulse.simulate;

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
import org.edupulse.topics.Topics;

/** Small builders of valid events for hand-written fold tests; times are minutes after a pinned start. */
final class TestEvents {

    static final Instant START = Instant.parse("2024-01-01T01:00:00Z");

    private TestEvents() {
    }

    static Instant minute(final int minutes) {
        return START.plusSeconds(60L * minutes);
    }

    static SimulatedEvent school(final String schoolId, final String districtId, final int learners,
                                 final boolean internet, final LocalDate effectiveFrom) {
        return new SimulatedEvent(Topics.SCHOOLS, schoolId, School.newBuilder()
                .setSchoolId(schoolId).setName("School " + schoolId).setLevel(SchoolLevel.PRIMARY)
                .setCommuneId(districtId + "-CMN-01").setCommuneName("Commune")
                .setDistrictId(districtId).setDistrictName("District " + districtId)
                .setProvinceId("DB").setProvinceName("Điện Biên")
                .setLearnersEnrolled(learners)
                .setInternet(internet ? Connectivity.WIFI_BROADBAND : Connectivity.NONE)
                .setInternetForTeaching(internet)
                .setEffectiveFrom(effectiveFrom)
                .build());
    }

    static SimulatedEvent staff(final String eventId, final String staffId, final String schoolId,
                                final StaffRole role, final StaffAction action, final int minute) {
        return new SimulatedEvent(Topics.STAFF_EVENTS, schoolId, StaffEvent.newBuilder()
                .setEventId(eventId).setStaffId(staffId).setSchoolId(schoolId).setRole(role).setAction(action)
                .setOccurredAt(minute(minute)).build());
    }

    static SimulatedEvent certificate(final String eventId, final String staffId, final String schoolId,
                                      final CertificationLevel level, final CertificationAction action,
                                      final int minute) {
        return new SimulatedEvent(Topics.CERTIFICATION_EVENTS, schoolId, CertificationEvent.newBuilder()
                .setEventId(eventId).setStaffId(staffId).setSchoolId(schoolId).setLevel(level).setAction(action)
                .setOccurredAt(minute(minute)).build());
    }

    static SimulatedEvent device(final String eventId, final String deviceId, final String schoolId,
                                 final DeviceType type, final DevicePurpose purpose, final boolean sim,
                                 final DeviceSource source, final DeviceAction action, final int minute) {
        return new SimulatedEvent(Topics.DEVICE_EVENTS, schoolId, DeviceEvent.newBuilder()
                .setEventId(eventId).setDeviceId(deviceId).setSchoolId(schoolId).setType(type).setPurpose(purpose)
                .setHas4gSim(sim).setAction(action).setSource(source)
                .setProgramme(source == DeviceSource.SPONSORSHIP ? "Internet and Tablets for Children" : null)
                .setOccurredAt(minute(minute)).build());
    }

    static SimulatedEvent training(final String eventId, final String schoolId, final int minute) {
        return new SimulatedEvent(Topics.TRAINING_EVENTS, schoolId, TrainingEvent.newBuilder()
                .setEventId(eventId).setSchoolId(schoolId).setSessionId("TS-" + eventId)
                .setTopic(TrainingTopic.BASIC_IT).setAudience(Audience.STAFF).setParticipantCount(10)
                .setStaffIds(List.of()).setHours(2).setOccurredAt(minute(minute)).build());
    }
}
