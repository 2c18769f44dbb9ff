package org.edupulse.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.topics.Topics;

/**
 * Writes memberships of the communes' community digital technology teams, which IT-skilled
 * teachers join to help residents use digital services: some of the active IT teachers and staff
 * holding an advanced IT certificate or an IT degree join the team of their school's commune
 * ({@code TEAM_JOINED}), and a few leave it again ({@code TEAM_LEFT}). Draws come from a random
 * stream of their own and the events are published on time ({@link EventTimeline#addOnTime}), so
 * every other event of the history, and every calibrated figure, is as without them.
 */
final class CommunityTeamHistory {

    /** Teams were set up from early 2022 on. */
    static final LocalDate FIRST_TEAMS = LocalDate.of(2022, 1, 10);
    /** Share of the IT-skilled active staff who join their commune's team. */
    static final double MEMBER_SHARE = 0.35;
    /** Share of members who leave their team before the end of the history. */
    static final double LEAVER_SHARE = 0.1;
    private static final Duration SETTLED = Duration.ofDays(30);
    private static final Instant LAST_CHANGE = ProvinceTime.startOf(ProvinceTime.LAST_DAY.minusDays(10));

    private final SplittableRandom random;
    private final EventTimeline timeline;
    private final Map<String, TreeMap<LocalDate, School>> versions = new HashMap<>();

    CommunityTeamHistory(final SchoolDirectory schools, final SplittableRandom random, final EventTimeline timeline) {
        this.random = random;
        this.timeline = timeline;
        schools.records().forEach(s -> versions.computeIfAbsent(s.getSchoolId(), id -> new TreeMap<>())
                .put(s.getEffectiveFrom(), s));
    }

    /** Writes the team events of the careers' IT-skilled active staff, in career order. */
    void write(final List<Career> careers) {
        for (final Career career : careers) {
            if (!itSkilled(career) || random.nextDouble() >= MEMBER_SHARE) {
                continue;
            }
            // at the final school, a month after arriving there, so the school posting it holds the person
            final Instant lastStint = career.stintStarts().get(career.stintStarts().size() - 1);
            final Instant earliest = max(lastStint.plus(SETTLED), ProvinceTime.startOf(FIRST_TEAMS));
            if (!earliest.isBefore(LAST_CHANGE.minus(SETTLED))) {
                continue;
            }
            final String schoolId = career.finalSchool();
            final Instant[] times = EventTimes.ascending(random, earliest, LAST_CHANGE, 2);
            final String communeId = communeOn(schoolId, times[0]);
            emit(career, schoolId, StaffAction.TEAM_JOINED, communeId, times[0]);
            if (random.nextDouble() < LEAVER_SHARE) {
                emit(career, schoolId, StaffAction.TEAM_LEFT, communeId, times[1]);
            }
        }
    }

    private static boolean itSkilled(final Career career) {
        return career.active() && (career.role() == StaffRole.IT_TEACHER
                || career.highestLevel() == CertificationLevel.ADVANCED_IT
                || career.highestLevel() == CertificationLevel.IT_DEGREE);
    }

    private String communeOn(final String schoolId, final Instant instant) {
        final TreeMap<LocalDate, School> known = versions.get(schoolId);
        final Map.Entry<LocalDate, School> inForce = known.floorEntry(LocalDate.ofInstant(instant, ProvinceTime.ZONE));
        return (inForce != null ? inForce.getValue() : known.firstEntry().getValue()).getCommuneId();
    }

    private static Instant max(final Instant a, final Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void emit(final Career career, final String schoolId, final StaffAction action, final String communeId,
                      final Instant occurredAt) {
        final StaffEvent event = StaffEvent.newBuilder()
                .setEventId(timeline.nextEventId())
                .setStaffId(career.staffId())
                .setSchoolId(schoolId)
                .setRole(career.role())
                .setAction(action)
                .setOccurredAt(occurredAt)
                .setTeamCommuneId(communeId)
                .build();
        timeline.addOnTime(occurredAt, new SimulatedEvent(Topics.STAFF_EVENTS, schoolId, event));
    }
}
