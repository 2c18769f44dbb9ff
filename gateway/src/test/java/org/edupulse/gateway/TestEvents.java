package org.edupulse.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Valid training events as the gateway receives them, to be altered one field at a time. */
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

    static ArrayNode batch(final ObjectNode... events) {
        final ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (final ObjectNode event : events) {
            array.add(event);
        }
        return array;
    }
}
