package org.edupulse.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.topics.Topics;

/**
 * Writes the roster history: everyone active at the end joins (most in the opening roster of
 * September 2021), some transfer between schools and districts on the way, a few leave and come
 * back, and extra people join and leave for good. Only the last event of each person decides
 * the end state, which is the planned one.
 */
final class StaffHistory {

    static final LocalDate OPENING_ROSTER_END = ProvinceTime.FIRST_DAY.plusDays(6);
    private static final LocalDate LAST_HIRE = ProvinceTime.LAST_DAY.minusDays(20);
    private static final LocalDate LAST_NOISY_HIRE = ProvinceTime.LAST_DAY.minusDays(400);
    private static final Instant LAST_CHANGE = ProvinceTime.startOf(ProvinceTime.LAST_DAY.minusDays(10));

    private final FinalState state;
    private final Calibration calibration;
    private final SplittableRandom random;
    private final EventTimeline timeline;
    private final List<School> schools;
    private final Map<String, List<School>> schoolsByDistrict;

    StaffHistory(final FinalState state, final Calibration calibration, final SplittableRandom random,
                 final EventTimeline timeline) {
        this.state = state;
        this.calibration = calibration;
        this.random = random;
        this.timeline = timeline;
        this.schools = state.schools().current();
        this.schoolsByDistrict = schools.stream().collect(Collectors.groupingBy(School::getDistrictId));
    }

    /** Writes the roster events; returns the careers of the active staff, then of the leavers. */
    List<Career> write() {
        final List<PlannedStaff> staff = state.staff();
        final int n = staff.size();
        final int transfers = Draws.atLeastOne(n * calibration.noiseShare() * 0.8);
        final int returns = Draws.atLeastOne(n * calibration.noiseShare() * 0.1);
        final int[] noisy = Draws.permutation(random, n);
        final boolean[] transferred = new boolean[n];
        final boolean[] returned = new boolean[n];
        for (int k = 0; k < transfers + returns && k < n; k++) {
            if (k < transfers) {
                transferred[noisy[k]] = true;
            } else {
                returned[noisy[k]] = true;
            }
        }
        final Map<String, School> byId = state.schools().byId();
        final List<Career> careers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final PlannedStaff person = staff.get(i);
            final School school = byId.get(person.schoolId());
            if (transferred[i]) {
                careers.add(transferredThenStayed(person, school));
            } else if (returned[i]) {
                careers.add(leftAndReturned(person, school));
            } else {
                final Instant joinedAt = random.nextDouble() < 0.8 ? openingRoster() : hiredBefore(LAST_HIRE);
                emit(person.staffId(), person.schoolId(), person.role(), StaffAction.JOINED, joinedAt);
                careers.add(new Career(person.staffId(), person.role(), List.of(joinedAt), List.of(person.schoolId()),
                        joinedAt, null, person.highestLevel()));
            }
        }
        final int leavers = Draws.atLeastOne(n * calibration.noiseShare() * 1.2);
        for (int k = 0; k < leavers; k++) {
            careers.add(leaver(String.format("%s%06d", FinalStatePlanner.STAFF_PREFIX, n + k + 1)));
        }
        return careers;
    }

    private Career transferredThenStayed(final PlannedStaff person, final School school) {
        final Instant joinedAt = openingRoster();
        final String origin = otherSchool(school);
        final Instant movedAt = EventTimes.ascending(random, joinedAt.plus(Duration.ofDays(30)), LAST_CHANGE, 1)[0];
        emit(person.staffId(), origin, person.role(), StaffAction.JOINED, joinedAt);
        emit(person.staffId(), origin, person.role(), StaffAction.RELEASED, releasedBefore(movedAt));
        emit(person.staffId(), person.schoolId(), person.role(), StaffAction.TRANSFERRED, movedAt);
        return new Career(person.staffId(), person.role(), List.of(joinedAt, movedAt),
                List.of(origin, person.schoolId()), joinedAt, null, person.highestLevel());
    }

    private Career leftAndReturned(final PlannedStaff person, final School school) {
        final Instant joinedAt = openingRoster();
        final String first = random.nextBoolean() ? person.schoolId() : otherSchool(school);
        final Instant[] times = EventTimes.ascending(random, joinedAt.plus(Duration.ofDays(60)), LAST_CHANGE, 2);
        emit(person.staffId(), first, person.role(), StaffAction.JOINED, joinedAt);
        emit(person.staffId(), first, person.role(), StaffAction.LEFT, times[0]);
        emit(person.staffId(), person.schoolId(), person.role(), StaffAction.JOINED, times[1]);
        return new Career(person.staffId(), person.role(), List.of(joinedAt, times[1]),
                List.of(first, person.schoolId()), times[1], null, person.highestLevel());
    }

    private Career leaver(final String staffId) {
        final double u = random.nextDouble();
        final StaffRole role = u < 0.8 ? StaffRole.TEACHER : u < 0.92 ? StaffRole.EMPLOYEE
                : u < 0.97 ? StaffRole.MANAGER : StaffRole.IT_TEACHER;
        final School school = schools.get(random.nextInt(schools.size()));
        final Instant joinedAt = random.nextDouble() < 0.7 ? openingRoster() : hiredBefore(LAST_NOISY_HIRE);
        emit(staffId, school.getSchoolId(), role, StaffAction.JOINED, joinedAt);
        if (random.nextDouble() < 0.25) {
            final String next = otherSchool(school);
            final Instant[] times = EventTimes.ascending(random, joinedAt.plus(Duration.ofDays(30)), LAST_CHANGE, 2);
            emit(staffId, school.getSchoolId(), role, StaffAction.RELEASED, releasedBefore(times[0]));
            emit(staffId, next, role, StaffAction.TRANSFERRED, times[0]);
            emit(staffId, next, role, StaffAction.LEFT, times[1]);
            return new Career(staffId, role, List.of(joinedAt, times[0]), List.of(school.getSchoolId(), next),
                    joinedAt, times[1], null);
        }
        final Instant leftAt = EventTimes.ascending(random, joinedAt.plus(Duration.ofDays(30)), LAST_CHANGE, 1)[0];
        emit(staffId, school.getSchoolId(), role, StaffAction.LEFT, leftAt);
        return new Career(staffId, role, List.of(joinedAt), List.of(school.getSchoolId()), joinedAt, leftAt, null);
    }

    /**
     * A transfer is two events: the school that lets the person (or device) go releases them, as only
     * the holding school may, then the receiving school takes them on. The release comes 30 seconds
     * before the transfer: an entity's generated events are at least a minute apart, so it always
     * falls after the event before it.
     */
    static Instant releasedBefore(final Instant transferredAt) {
        return transferredAt.minusSeconds(30);
    }

    /** Another school: in the same district most of the time, anywhere in the province otherwise. */
    private String otherSchool(final School school) {
        final List<School> sameDistrict = schoolsByDistrict.get(school.getDistrictId());
        for (int attempt = 0; attempt < 20; attempt++) {
            final List<School> pool = random.nextDouble() < 0.7 && sameDistrict.size() > 1 ? sameDistrict : schools;
            final School other = pool.get(random.nextInt(pool.size()));
            if (!other.getSchoolId().equals(school.getSchoolId())) {
                return other.getSchoolId();
            }
        }
        throw new IllegalStateException("no other school than " + school.getSchoolId());
    }

    private Instant openingRoster() {
        return EventTimes.onWorkingDay(random, ProvinceTime.FIRST_DAY, OPENING_ROSTER_END);
    }

    private Instant hiredBefore(final LocalDate lastDay) {
        return EventTimes.onWorkingDay(random, OPENING_ROSTER_END.plusDays(1), lastDay);
    }

    private void emit(final String staffId, final String schoolId, final StaffRole role, final StaffAction action,
                      final Instant occurredAt) {
        final StaffEvent event = StaffEvent.newBuilder()
                .setEventId(timeline.nextEventId())
                .setStaffId(staffId)
                .setSchoolId(schoolId)
                .setRole(role)
                .setAction(action)
                .setOccurredAt(occurredAt)
                .build();
        timeline.add(occurredAt, new SimulatedEvent(Topics.STAFF_EVENTS, schoolId, event));
    }
}
