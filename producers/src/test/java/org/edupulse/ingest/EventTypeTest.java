package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void shouldFindTypesByTheirCliName() {
        // Given / When / Then
        assertThat(EventType.fromCliName("training")).contains(EventType.TRAINING);
        assertThat(EventType.fromCliName(" Staff ")).contains(EventType.STAFF);
        assertThat(EventType.fromCliName("teacher")).isEmpty();
    }

    @Test
    void shouldTakeTheColumnsFromTheAvroSchema() {
        // Given / When / Then
        assertThat(EventType.STAFF.fields())
                .containsExactly("eventId", "staffId", "schoolId", "role", "action", "occurredAt", "teamCommuneId");
        assertThat(EventType.TRAINING.listFields()).containsExactlyInAnyOrder("staffIds", "contents");
        assertThat(EventType.SCHOOL.hasEventId()).isFalse();
        assertThat(EventType.DEVICE.topic()).isEqualTo(Topics.DEVICE_EVENTS);
    }

    @Test
    void shouldKeyEveryRecordBySchool() {
        // Given
        final var school = TestEvents.aSchool().setSchoolId("DB-MN-LC-01").build();

        // When / Then
        assertThat(EventType.of(school)).isEqualTo(EventType.SCHOOL);
        assertThat(EventType.SCHOOL.keyOf(school)).isEqualTo("DB-MN-LC-01");
    }
}
