package org.edupulse.rules;

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

/** Valid records around the generated Avro builders; tests set only what they are about. */
final class TestRecords {

    /** When the records are received. */
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant OCCURRED = Instant.parse("2025-11-03T02:00:00Z");

    private TestRecords() {
    }

    static TrainingEvent.Builder training() {
        return TrainingEvent.newBuilder()
                .setEventId("ev-1")
                .setSchoolId("DB-MA-TH-01")
                .setSessionId("TS-0001")
                .setTopic(TrainingTopic.DIGITAL_TEACHING)
                .setAudience(Audience.STAFF)
                .setParticipantCount(2)
                .setStaffIds(List.of("NV-0001", "NV-0002"))
                .setHours(1.5)
                .setOccurredAt(OCCURRED);
    }

    static StaffEvent.Builder staff() {
        return StaffEvent.newBuilder()
                .setEventId("ev-2")
                .setStaffId("NV-0001")
                .setSchoolId("DB-MA-TH-01")
                .setRole(StaffRole.TEACHER)
                .setAction(StaffAction.JOINED)
                .setOccurredAt(OCCURRED);
    }

    static CertificationEvent.Builder certification() {
        return CertificationEvent.newBuilder()
                .setEventId("ev-3")
                .setStaffId("NV-0001")
                .setSchoolId("DB-MA-TH-01")
                .setLevel(CertificationLevel.BASIC_IT)
                .setAction(CertificationAction.AWARDED)
                .setIssuer("Sở Giáo dục và Đào tạo Điện Biên")
                .setOccurredAt(OCCURRED);
    }

    static DeviceEvent.Builder device() {
        return DeviceEvent.newBuilder()
                .setEventId("ev-4")
                .setDeviceId("DB-TAB-0001")
                .setSchoolId("DB-MA-TH-01")
                .setType(DeviceType.TABLET)
                .setPurpose(DevicePurpose.STUDENT_LOAN)
                .setHas4gSim(true)
                .setAction(DeviceAction.RECEIVED)
                .setSource(DeviceSource.SPONSORSHIP)
                .setProgramme("Sóng và máy tính cho em")
                .setOccurredAt(OCCURRED);
    }

    static School.Builder school() {
        return School.newBuilder()
                .setSchoolId("DB-MA-TH-01")
                .setName("Trường Tiểu học Mường Ảng")
                .setLevel(SchoolLevel.PRIMARY)
                .setCommuneId("DB-MA-01")
                .setCommuneName("Thị trấn Mường Ảng")
                .setDistrictId("DB-MA")
                .setDistrictName("Huyện Mường Ảng")
                .setProvinceId("DB")
                .setProvinceName("Điện Biên")
                .setLearnersEnrolled(420)
                .setInternet(Connectivity.FIXED_BROADBAND)
                .setInternetForTeaching(true)
                .setEffectiveFrom(LocalDate.parse("2024-09-05"));
    }

    /** {@code length} characters. */
    static String text(final int length) {
        return "x".repeat(length);
    }
}
