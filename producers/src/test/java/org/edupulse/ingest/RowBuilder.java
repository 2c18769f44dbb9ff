package org.edupulse.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flat input row (the field map a CSV row or a JSON object becomes) with valid defaults per
 * type, so a test states only the field it breaks.
 */
final class RowBuilder {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private RowBuilder() {
    }

    static RowBuilder aTrainingRow() {
        return new RowBuilder()
                .with("schoolId", "DB-MA-TH-01")
                .with("sessionId", "TH01-2025-001")
                .with("topic", "DIGITAL_TEACHING")
                .with("audience", "STAFF")
                .with("participantCount", "2")
                .with("staffIds", List.of("NV-MA-0001", "NV-MA-0002"))
                .with("hours", "3.5")
                .with("occurredAt", "2025-03-01T08:00:00+07:00");
    }

    static RowBuilder aDeviceRow() {
        return new RowBuilder()
                .with("deviceId", "TS-MA-TH01-0001")
                .with("schoolId", "DB-MA-TH-01")
                .with("type", "TABLET")
                .with("purpose", "TEACHING")
                .with("has4gSim", "false")
                .with("action", "RECEIVED")
                .with("source", "PURCHASE")
                .with("occurredAt", "2025-03-01T08:00:00+07:00");
    }

    static RowBuilder aStaffRow() {
        return new RowBuilder()
                .with("staffId", "NV-MA-0001")
                .with("schoolId", "DB-MA-TH-01")
                .with("role", "TEACHER")
                .with("action", "JOINED")
                .with("occurredAt", "2025-03-01T08:00:00+07:00");
    }

    static RowBuilder aSchoolRow() {
        return new RowBuilder()
                .with("schoolId", "DB-MA-TH-01")
                .with("name", "Trường Tiểu học Thị trấn Mường Ảng")
                .with("level", "PRIMARY")
                .with("communeId", "DB-MA-C01")
                .with("communeName", "Thị trấn Mường Ảng")
                .with("districtId", "DB-MA")
                .with("districtName", "Huyện Mường Ảng")
                .with("provinceId", "DB")
                .with("provinceName", "Tỉnh Điện Biên")
                .with("learnersEnrolled", "612")
                .with("internet", "FIXED_BROADBAND")
                .with("internetForTeaching", "true")
                .with("effectiveFrom", "2024-09-05");
    }

    RowBuilder with(final String field, final Object value) {
        fields.put(field, value);
        return this;
    }

    RowBuilder without(final String field) {
        fields.remove(field);
        return this;
    }

    Map<String, Object> build() {
        return new LinkedHashMap<>(fields);
    }
}
