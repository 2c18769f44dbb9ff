package org.edupulse.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.StaffRole;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.topics.Topics;

/**
 * Writes each school's planned number of training sessions over the history, numbered in the
 * school's own register per year. Attendance lists name only staff who were at the school for the
 * whole history, so every listed person was there on the day.
 */
final class TrainingHistory {

    private static final Instant FIRST_SESSION = ProvinceTime.startOf(ProvinceTime.FIRST_DAY.plusDays(14));
    private static final Instant LAST_SESSION = ProvinceTime.startOf(ProvinceTime.LAST_DAY);
    private static final double[] HOURS = {1.5, 2, 3, 4};

    private final FinalState state;
    private final SplittableRandom random;
    private final EventTimeline timeline;

    TrainingHistory(final FinalState state, final SplittableRandom random, final EventTimeline timeline) {
        this.state = state;
        this.random = random;
        this.timeline = timeline;
    }

    void write(final List<Career> careers) {
        final Map<String, List<String>> attendees = new HashMap<>();
        final Map<String, List<String>> trainers = new HashMap<>();
        final Map<String, Integer> staffCounts = new HashMap<>();
        final Instant steadySince = ProvinceTime.startOf(StaffHistory.OPENING_ROSTER_END.plusDays(1));
        for (final Career career : careers) {
            if (career.active()) {
                staffCounts.merge(career.finalSchool(), 1, Integer::sum);
            }
            if (career.steadySince(steadySince)) {
                attendees.computeIfAbsent(career.finalSchool(), id -> new ArrayList<>()).add(career.staffId());
                if (career.role() == StaffRole.IT_TEACHER) {
                    trainers.computeIfAbsent(career.finalSchool(), id -> new ArrayList<>()).add(career.staffId());
                }
            }
        }
        for (final Map.Entry<String, Integer> school : state.trainingSessionsBySchool().entrySet()) {
            final String schoolId = school.getKey();
            final Instant[] times = EventTimes.ascending(random, FIRST_SESSION, LAST_SESSION, school.getValue());
            final Map<Integer, Integer> numberInYear = new HashMap<>();
            for (final Instant heldAt : times) {
                final int year = heldAt.atZone(ProvinceTime.ZONE).getYear();
                final int number = numberInYear.merge(year, 1, Integer::sum);
                emit(schoolId, String.format("TS-%d-%03d", year, number), heldAt,
                        staffCounts.getOrDefault(schoolId, 1),
                        attendees.getOrDefault(schoolId, List.of()), trainers.getOrDefault(schoolId, List.of()));
            }
        }
    }

    private void emit(final String schoolId, final String sessionId, final Instant heldAt, final int staffCount,
                      final List<String> attendees, final List<String> trainers) {
        final TrainingTopic topic = topic();
        final boolean students = topic == TrainingTopic.STUDENT_DIGITAL_SKILLS;
        final List<String> staffIds = new ArrayList<>();
        if (students) {
            if (!trainers.isEmpty()) {
                staffIds.add(trainers.get(random.nextInt(trainers.size())));
            }
        } else {
            for (int k = 0; k < 3 && k < attendees.size(); k++) {
                final String id = attendees.get(random.nextInt(attendees.size()));
                if (!staffIds.contains(id)) {
                    staffIds.add(id);
                }
            }
        }
        final int participants = students ? 15 + random.nextInt(31)
                : Math.max(staffIds.size(), Math.min(staffCount, 5 + random.nextInt(26)));
        final TrainingEvent event = TrainingEvent.newBuilder()
                .setEventId(timeline.nextEventId())
                .setSchoolId(schoolId)
                .setSessionId(sessionId)
                .setTopic(topic)
                .setAudience(students ? Audience.STUDENTS : Audience.STAFF)
                .setParticipantCount(participants)
                .setStaffIds(staffIds)
                .setHours(HOURS[random.nextInt(HOURS.length)])
                .setOccurredAt(heldAt)
                .setContents(students ? contents(sessionId) : null)
                .setTrainerStaffId(students && !staffIds.isEmpty() ? staffIds.get(0) : null)
                .setTrainerKind(students && !staffIds.isEmpty() ? TrainerKind.IT_TEACHER : null)
                .build();
        timeline.add(heldAt, new SimulatedEvent(Topics.TRAINING_EVENTS, schoolId, event));
    }

    /**
     * Two of the five key contents of the student programme, taken from the session id rather than the
     * random stream, so the calibrated figures drawn from that stream stay as they were.
     */
    private static List<TrainingContent> contents(final String sessionId) {
        final TrainingContent[] key = {TrainingContent.ONLINE_PUBLIC_SERVICES, TrainingContent.ONLINE_SHOPPING_AND_PAYMENT,
                TrainingContent.CYBERSPACE_SELF_PROTECTION, TrainingContent.LOCAL_DIGITAL_PLATFORMS,
                TrainingContent.BASIC_DIGITAL_SKILLS};
        final int first = Math.floorMod(sessionId.hashCode(), key.length);
        return List.of(key[first], key[(first + 1) % key.length]);
    }

    private TrainingTopic topic() {
        final double u = random.nextDouble();
        if (u < 0.25) {
            return TrainingTopic.BASIC_IT;
        }
        if (u < 0.55) {
            return TrainingTopic.DIGITAL_TEACHING;
        }
        if (u < 0.67) {
            return TrainingTopic.CYBERSECURITY_DRILL;
        }
        return u < 0.95 ? TrainingTopic.STUDENT_DIGITAL_SKILLS : TrainingTopic.OTHER;
    }
}
