package org.edupulse.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid events as the gateway receives them, to be altered one field at a time. */
final class TestEvents {

    private TestEvents() {
    }

    static ObjectNode training(final String schoolId, final String sessionId) {
        final ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("schoolId", schoolId);
        event.put("sessionId", sessionId);
        event.put("topic", "DIGITAL_TEACHING");
        event.put("audience", "STAFF");
        event.put("participantCount", 12);
        event.putArray("staffIds").add("NV-1").add("NV-2");
        event.put("hours", 2.5);
        event.put("occurredAt", "2025-04-02T08:00:00+07:00");
        return event;
    }

    /** A valid school record (reference data), as a department system sends it. */
    static ObjectNode school(final String schoolId) {
        final ObjectNode school = JsonNodeFactory.instance.objectNode();
        school.put("schoolId", schoolId);
        school.put("name", "Trường Tiểu học Sính Phình");
        school.put("level", "PRIMARY");
        school.put("communeId", "DB-TC-C02");
        school.put("communeName", "Xã Sính Phình");
        school.put("districtId", "DB-TC");
        school.put("districtName", "Huyện Tủa Chùa");
        school.put("provinceId", "DB");
        school.put("provinceName", "Tỉnh Điện Biên");
        school.put("learnersEnrolled", 402);
        school.put("internet", "MOBILE_BROADBAND");
        school.put("internetForTeaching", false);
        school.put("effectiveFrom", "2024-09-05");
        return school;
    }

    /** A valid roster event: {@code action} is JOINED, TRANSFERRED, LEFT or RELEASED. */
    static ObjectNode staff(final String schoolId, final String staffId, final String action) {
        final ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("staffId", staffId);
        event.put("schoolId", schoolId);
        event.put("role", "TEACHER");
        event.put("action", action);
        event.put("occurredAt", "2025-04-02T08:00:00+07:00");
        return event;
    }

    /** A valid certification event: {@code action} is AWARDED or REVOKED. */
    static ObjectNode certification(final String schoolId, final String staffId, final String action) {
        final ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("staffId", staffId);
        event.put("schoolId", schoolId);
        event.put("level", "BASIC_IT");
        event.put("action", action);
        event.put("occurredAt", "2025-04-02T08:00:00+07:00");
        return event;
    }

    /** A valid device received by {@code schoolId}. */
    static ObjectNode device(final String schoolId, final String deviceId) {
        final ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("deviceId", deviceId);
        event.put("schoolId", schoolId);
        event.put("type", "DESKTOP");
        event.put("purpose", "TEACHING");
        event.put("has4gSim", false);
        event.put("action", "RECEIVED");
        event.put("source", "PURCHASE");
        event.put("occurredAt", "2025-04-02T08:00:00+07:00");
        return event;
    }

    /** {@code count} valid training events of one school, each its own session. */
    static ArrayNode trainingBatch(final String schoolId, final String sessionPrefix, final int count) {
        final ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(training(schoolId, sessionPrefix + "-" + i));
        }
        return array;
    }

    static ArrayNode batch(final ObjectNode... events) {
        final ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (final ObjectNode event : events) {
            array.add(event);
        }
        return array;
    }
}
