package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.ingest.TestEvents.aStaffEvent;
import static org.edupulse.ingest.TestEvents.aTrainingEvent;

import java.util.List;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingEvent;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    /** UUID v3 of the canonical content below; checked independently (Python: md5 with version bits set). */
    private static final String GOLDEN_STAFF_ID = "f2934ff2-277c-3093-af23-6349b6d622c4";

    @Test
    void shouldWriteTheCanonicalContentSortedByFieldWithoutTheId() {
        // Given
        final StaffEvent event = aStaffEvent().build();

        // When
        final String content = EventIds.canonicalContent(EventType.STAFF, event);

        // Then
        assertThat(content).isEqualTo("STAFF\n{\"action\":\"JOINED\",\"occurredAt\":\"2025-03-01T01:00:00Z\","
                + "\"role\":\"TEACHER\",\"schoolId\":\"DB-MA-TH-01\",\"staffId\":\"NV-MA-0001\"}");
    }

    @Test
    void shouldNeverChangeADerivedId() {
        // Given an id already in the pipeline: changing the derivation would count re-imports twice
        final StaffEvent event = aStaffEvent().build();

        // When
        final String id = EventIds.derive(EventType.STAFF, event);

        // Then
        assertThat(id).isEqualTo(GOLDEN_STAFF_ID);
    }

    @Test
    void shouldKeepTheIdsDerivedSoFarWhenAnEventUsesNoFieldAddedLater() {
        // Given a training event that says nothing of contents and trainers (the v2 contract's fields)
        final TrainingEvent event = aTrainingEvent().build();

        // When
        final String content = EventIds.canonicalContent(EventType.TRAINING, event);

        // Then the added fields, at their defaults, are not part of what the id is derived from; action, in the
        // ids derived since it came, still is
        assertThat(content).isEqualTo("TRAINING\n{\"action\":null,\"audience\":\"STAFF\",\"hours\":\"3.5\","
                + "\"occurredAt\":\"2025-03-01T01:00:00Z\",\"participantCount\":\"2\",\"schoolId\":\"DB-MA-TH-01\","
                + "\"sessionId\":\"TH01-2025-001\",\"staffIds\":[\"NV-MA-0001\",\"NV-MA-0002\"],"
                + "\"topic\":\"DIGITAL_TEACHING\"}");
    }

    @Test
    void shouldDeriveAnotherIdWhenAnAddedFieldIsUsed() {
        // Given
        final String base = EventIds.derive(EventType.STAFF, aStaffEvent().build());

        // When
        final String withTeam = EventIds.derive(EventType.STAFF,
                aStaffEvent().setAction(StaffAction.TEAM_JOINED).setTeamCommuneId("DB-MA-C01").build());
        final String withContents = EventIds.derive(EventType.TRAINING,
                aTrainingEvent().setContents(List.of(TrainingContent.ONLINE_PUBLIC_SERVICES)).build());

        // Then
        assertThat(withTeam).isNotEqualTo(base);
        assertThat(EventIds.canonicalContent(EventType.STAFF,
                aStaffEvent().setAction(StaffAction.TEAM_JOINED).setTeamCommuneId("DB-MA-C01").build()))
                .endsWith(",\"teamCommuneId\":\"DB-MA-C01\"}");
        assertThat(withContents).isNotEqualTo(EventIds.derive(EventType.TRAINING, aTrainingEvent().build()));
    }

    @Test
    void shouldIgnoreTheEventIdItselfButNotTheOrderOfStaffIds() {
        // Given
        final String base = EventIds.derive(EventType.TRAINING, aTrainingEvent().build());

        // When
        final String otherId = EventIds.derive(EventType.TRAINING, aTrainingEvent().setEventId("x").build());
        final String reordered = EventIds.derive(EventType.TRAINING,
                aTrainingEvent().setStaffIds(List.of("NV-MA-0002", "NV-MA-0001")).build());

        // Then
        assertThat(otherId).isEqualTo(base);
        assertThat(reordered).isNotEqualTo(base);
    }

    @Test
    void shouldEscapeValuesSoTheyCannotImitateOtherFields() {
        // Given
        final StaffEvent sneaky = aStaffEvent().setStaffId("NV-MA-0001\",\"role\":\"MANAGER").build();

        // When
        final String content = EventIds.canonicalContent(EventType.STAFF, sneaky);

        // Then
        assertThat(content).contains("\"staffId\":\"NV-MA-0001\\\",\\\"role\\\":\\\"MANAGER\"");
    }
}
