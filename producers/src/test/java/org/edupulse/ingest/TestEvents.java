package org.edupulse.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

/** Builders with valid defaults for each input record, and the pinned clock the tests run at. */
public final class TestEvents {

    /** "Now" in every test: after every example file's events. */
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final Instant OCCURRED_AT = Instant.parse("2025-03-01T01:00:00Z");

    private TestEvents() {
    }

    static EventParser parser() {
        return new EventParser(new EventValidator(CLOCK));
    }

    static TrainingEvent.Builder aTrainingEvent() {
        return TrainingEvent.newBuilder()
                .setEventId("ev-training-1")
                .setSchoolId("DB-MA-TH-01")
                .setSessionId("TH01-2025-001")
                .setTopic(TrainingTopic.DIGITAL_TEACHING)
                .setAudience(Audience.STAFF)
                .setParticipantCount(2)
                .setStaffIds(List.of("NV-MA-0001", "NV-MA-0002"))
                .setHours(3.5)
                .setOccurredAt(OCCURRED_AT);
    }

    static CertificationEvent.Builder aCertificationEvent() {
        return CertificationEvent.newBuilder()
                .setEventId("ev-cert-1")
                .setStaffId("NV-MA-0001")
                .setSchoolId("DB-MA-TH-01")
                .setLevel(CertificationLevel.BASIC_IT)
                .setAction(CertificationAction.AWARDED)
                .setIssuer(null)
                .setOccurredAt(OCCURRED_AT);
    }

    public static DeviceEvent.Builder aDeviceEvent() {
        return DeviceEvent.newBuilder()
                .setEventId("ev-device-1")
                .setDeviceId("TS-MA-TH01-0001")
                .setSchoolId("DB-MA-TH-01")
                .setType(DeviceType.TABLET)
                .setPurpose(DevicePurpose.TEACHING)
                .setHas4gSim(false)
                .setAction(DeviceAction.RECEIVED)
                .setSource(DeviceSource.PURCHASE)
                .setProgramme(null)
                .setOccurredAt(OCCURRED_AT);
    }

    static StaffEvent.Builder aStaffEvent() {
        return StaffEvent.newBuilder()
                .setEventId("ev-staff-1")
                .setStaffId("NV-MA-0001")
                .setSchoolId("DB-MA-TH-01")
                .setRole(StaffRole.TEACHER)
                .setAction(StaffAction.JOINED)
                .setOccurredAt(OCCURRED_AT);
    }

    public static School.Builder aSchool() {
        return School.newBuilder()
                .setSchoolId("DB-MA-TH-01")
                .setName("Trường Tiểu học Thị trấn Mường Ảng")
                .setLevel(SchoolLevel.PRIMARY)
                .setCommuneId("DB-MA-C01")
                .setCommuneName("Thị trấn Mường Ảng")
                .setDistrictId("DB-MA")
                .setDistrictName("Huyện Mường Ảng")
                .setProvinceId("DB")
                .setProvinceName("Tỉnh Điện Biên")
                .setLearnersEnrolled(612)
                .setInternet(Connectivity.FIXED_BROADBAND)
                .setInternetForTeaching(true)
                .setEffectiveFrom(LocalDate.parse("2024-09-05"));
    }
}
