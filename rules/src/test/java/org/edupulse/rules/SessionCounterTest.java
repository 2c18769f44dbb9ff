package org.edupulse.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.edupulse.rules.TestRecords.training;

import java.util.List;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingTopic;
import org.junit.jupiter.api.Test;

class SessionCounterTest {

    @Test
    void shouldSplitAStudentLessonByAudienceContentAndTrainer() {
        // Given
        final var lesson = training().setTopic(TrainingTopic.STUDENT_DIGITAL_SKILLS).setAudience(Audience.STUDENTS)
                .setParticipantCount(30).setStaffIds(List.of())
                .setContents(List.of(TrainingContent.ONLINE_PUBLIC_SERVICES, TrainingContent.CYBERSPACE_SELF_PROTECTION,
                        TrainingContent.OTHER))
                .setTrainerKind(TrainerKind.IT_STAFF).build();

        // When / Then
        assertThat(SessionCounter.of(lesson)).containsOnly(
                entry(SessionCounter.SESSIONS_STUDENTS, 1L), entry(SessionCounter.PARTICIPANTS_STUDENTS, 30L),
                entry(SessionCounter.SESSIONS_ONLINE_PUBLIC_SERVICES, 1L),
                entry(SessionCounter.PARTICIPANTS_ONLINE_PUBLIC_SERVICES, 30L),
                entry(SessionCounter.SESSIONS_CYBERSPACE_SELF_PROTECTION, 1L),
                entry(SessionCounter.PARTICIPANTS_CYBERSPACE_SELF_PROTECTION, 30L),
                entry(SessionCounter.STUDENTS_REACHED_DIGITAL_SKILLS, 30L),
                entry(SessionCounter.SESSIONS_TRAINER_STATED, 1L), entry(SessionCounter.SESSIONS_LED_BY_IT, 1L));
    }

    @Test
    void shouldCountAV1StaffCourseByAudienceOnlyAndACancellationNowhere() {
        // Given: a session as a version-2 writer states it (no contents, no trainer)
        final var course = training().build();
        final var cancelled = training().setAction(TrainingAction.CANCELLED).build();
        final var ledByOther = training().setTrainerKind(TrainerKind.OTHER).build();

        // When / Then
        assertThat(SessionCounter.of(course)).containsOnly(entry(SessionCounter.SESSIONS_STAFF, 1L),
                entry(SessionCounter.PARTICIPANTS_STAFF, 2L));
        assertThat(SessionCounter.of(cancelled)).isEmpty();
        assertThat(SessionCounter.of(ledByOther)).containsEntry(SessionCounter.SESSIONS_TRAINER_STATED, 1L)
                .doesNotContainKey(SessionCounter.SESSIONS_LED_BY_IT);
    }
}
