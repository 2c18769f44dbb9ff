package org.edupulse.rules;

import java.util.EnumMap;
import java.util.Map;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;

/**
 * What one held session adds to the split training counters of the units it counts in: sessions and
 * participants by audience and by content, students reached by digital-skills lessons, and who led
 * it. Written once here; the topology's period figures and the test oracles ask {@link #of}. A
 * cancelled session adds nothing ({@link TrainingRules#counts}); a correction replaces what the
 * session added. New counters are appended at the end.
 */
public enum SessionCounter {
    SESSIONS_STAFF,
    SESSIONS_STUDENTS,
    PARTICIPANTS_STAFF,
    PARTICIPANTS_STUDENTS,
    SESSIONS_ONLINE_PUBLIC_SERVICES,
    PARTICIPANTS_ONLINE_PUBLIC_SERVICES,
    SESSIONS_ONLINE_SHOPPING_AND_PAYMENT,
    PARTICIPANTS_ONLINE_SHOPPING_AND_PAYMENT,
    SESSIONS_CYBERSPACE_SELF_PROTECTION,
    PARTICIPANTS_CYBERSPACE_SELF_PROTECTION,
    SESSIONS_LOCAL_DIGITAL_PLATFORMS,
    PARTICIPANTS_LOCAL_DIGITAL_PLATFORMS,
    SESSIONS_BASIC_DIGITAL_SKILLS,
    PARTICIPANTS_BASIC_DIGITAL_SKILLS,
    STUDENTS_REACHED_DIGITAL_SKILLS,
    SESSIONS_TRAINER_STATED,
    SESSIONS_LED_BY_IT;

    /**
     * The counters a held session adds, with their amounts: one session or its participant count. A
     * session counts once under each content it names (a session may teach several), so the content
     * figures do not add up to the total. Students reached: the participants of student sessions on
     * {@code STUDENT_DIGITAL_SKILLS}. Led by IT: the register names an IT teacher or an IT staff member
     * as the trainer; the share's denominator is the sessions whose register names the trainer's kind.
     */
    public static Map<SessionCounter, Long> of(final TrainingEvent event) {
        final Map<SessionCounter, Long> counters = new EnumMap<>(SessionCounter.class);
        if (!TrainingRules.counts(event)) {
            return counters;
        }
        final long participants = event.getParticipantCount();
        final boolean students = event.getAudience() == Audience.STUDENTS;
        counters.put(students ? SESSIONS_STUDENTS : SESSIONS_STAFF, 1L);
        counters.put(students ? PARTICIPANTS_STUDENTS : PARTICIPANTS_STAFF, participants);
        if (event.getContents() != null) {
            for (final TrainingContent content : event.getContents()) {
                if (content != TrainingContent.OTHER) {
                    counters.put(valueOf("SESSIONS_" + content.name()), 1L);
                    counters.put(valueOf("PARTICIPANTS_" + content.name()), participants);
                }
            }
        }
        if (students && event.getTopic() == TrainingTopic.STUDENT_DIGITAL_SKILLS) {
            counters.put(STUDENTS_REACHED_DIGITAL_SKILLS, participants);
        }
        if (event.getTrainerKind() != null) {
            counters.put(SESSIONS_TRAINER_STATED, 1L);
            if (event.getTrainerKind() == TrainerKind.IT_TEACHER || event.getTrainerKind() == TrainerKind.IT_STAFF) {
                counters.put(SESSIONS_LED_BY_IT, 1L);
            }
        }
        return counters;
    }
}
