package org.edupulse.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.edupulse.rules.DeviceState;
import org.edupulse.rules.PersonState;
import org.edupulse.rules.StockCounter;
import org.edupulse.rules.TrainingRules;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.streams.FlowMeasures;
import org.edupulse.streams.LogFold;
import org.edupulse.streams.Measure;
import org.edupulse.streams.ProvinceCalendar;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.TrainingFact;
import org.edupulse.topics.Topics;

/**
 * Turns the fold of the log ({@link LogFold}) into the events behind one measure of one unit. Stocks
 * come from each person and device as the rules core folds them (the roster event in force, the award
 * behind each level held, the device's latest life-cycle event) and the school version in force,
 * attributed to the unit through that version, exactly as the topology attributes them; flows from
 * the sessions as they stand, with windows ending on the audited day.
 */
final class LineageCollector {

    private final LogFold.Result fold;
    private final int today;
    private final Duration grace;
    private final Map<String, SchoolVersion> schools = new HashMap<>();

    /** Over a run whose windows end on the day of {@code asOf} in the province's calendar. */
    LineageCollector(final LogFold.Result fold, final Instant asOf, final Duration grace) {
        this.fold = fold;
        this.grace = grace;
        this.today = ProvinceCalendar.epochDay(asOf.toEpochMilli());
        schools.putAll(fold.schools());
    }

    /** The contributions of every event to {@code measure} of {@code unitId}, sorted by log position. */
    List<Contribution> contributions(final String unitId, final Measure measure) {
        final List<Contribution> found = switch (measure) {
            case STAFF_ACTIVE, IT_TEACHERS, IT_CERTIFIED, IT_DEGREE_TEACHERS, COMMUNITY_TEAM_STAFF -> staff(unitId, measure);
            case TABLETS, TABLETS_WITH_SIM, COMPUTERS, COMPUTERS_OFFICE, COMPUTERS_TEACHING, SPONSORED,
                 TABLETS_PURCHASED -> devices(unitId, measure);
            case SCHOOLS, SCHOOLS_WITH_INTERNET, SCHOOLS_WITH_TEACHING_COMPUTERS, LEARNERS, SCHOOLS_WITH_WIFI,
                 SCHOOLS_CONNECTION_NONE, SCHOOLS_CONNECTION_FIXED_BROADBAND, SCHOOLS_CONNECTION_MOBILE_BROADBAND,
                 SCHOOLS_CONNECTION_WIFI_BROADBAND -> schools(unitId, measure);
            case SESSIONS_TOTAL, SESSIONS_30D, SESSIONS_90D, SESSIONS_365D, PARTICIPANTS_30D, PARTICIPANTS_365D,
                 DRILLS_365D, LATE_EVENTS -> training(unitId, measure);
            case QUALITY_FINDINGS, QUALITY_REFUSED, QUALITY_DOUBTFUL -> quality(unitId, measure);
            case SESSIONS_IN_PERIOD, PARTICIPANTS_IN_PERIOD, DRILLS_IN_PERIOD, LATE_IN_PERIOD,
                 SESSIONS_STAFF_IN_PERIOD, SESSIONS_STUDENTS_IN_PERIOD,
                 PARTICIPANTS_STAFF_IN_PERIOD, PARTICIPANTS_STUDENTS_IN_PERIOD,
                 SESSIONS_ONLINE_PUBLIC_SERVICES_IN_PERIOD, PARTICIPANTS_ONLINE_PUBLIC_SERVICES_IN_PERIOD,
                 SESSIONS_ONLINE_SHOPPING_AND_PAYMENT_IN_PERIOD, PARTICIPANTS_ONLINE_SHOPPING_AND_PAYMENT_IN_PERIOD,
                 SESSIONS_CYBERSPACE_SELF_PROTECTION_IN_PERIOD, PARTICIPANTS_CYBERSPACE_SELF_PROTECTION_IN_PERIOD,
                 SESSIONS_LOCAL_DIGITAL_PLATFORMS_IN_PERIOD, PARTICIPANTS_LOCAL_DIGITAL_PLATFORMS_IN_PERIOD,
                 SESSIONS_BASIC_DIGITAL_SKILLS_IN_PERIOD, PARTICIPANTS_BASIC_DIGITAL_SKILLS_IN_PERIOD,
                 STUDENTS_REACHED_DIGITAL_SKILLS_IN_PERIOD, SESSIONS_TRAINER_STATED_IN_PERIOD,
                 SESSIONS_LED_BY_IT_IN_PERIOD -> throw new IllegalArgumentException("the figures of calendar "
                    + "periods have no lineage yet; the live figures of " + unitId + " do");
        };
        final List<Contribution> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(Contribution::topic).thenComparingInt(Contribution::partition)
                .thenComparingLong(Contribution::offset).thenComparing(Contribution::entityId));
        return sorted;
    }

    private boolean inUnit(final String schoolId, final String unitId) {
        final SchoolVersion school = schools.get(schoolId);
        return school != null && counts(school, unitId);
    }

    /** Whether what {@code school} places counts in unit {@code unitId}: the school, its commune, district or province. */
    private static boolean counts(final SchoolVersion school, final String unitId) {
        return unitId.equals(school.getSchoolId()) || unitId.equals(school.getCommuneId())
                || unitId.equals(school.getDistrictId()) || unitId.equals(school.getProvinceId());
    }

    /**
     * Where a school version places what it counts, below the province: its commune and, when it names
     * one, its district, called a former district once the district is only a grouping (since the 2025 reform).
     */
    static String places(final SchoolVersion school) {
        final String commune = "commune " + school.getCommuneId();
        if (school.getDistrictId().isEmpty()) {
            return commune;
        }
        return commune + " and " + (school.getDistrictIsFormer() ? "former district " : "district ")
                + school.getDistrictId();
    }

    private List<Contribution> staff(final String unitId, final Measure measure) {
        final List<Contribution> found = new ArrayList<>();
        for (final PersonState state : fold.people().values()) {
            // The person as the rules core folds them, exactly as the live topology does.
            if (!state.active() || !inUnit(state.holder(), unitId)) {
                continue;
            }
            final StaffEvent person = state.roster();
            final CertificationLevel highest = state.highest();
            // Whether the person counts in this measure is the rules core's answer; lineage only names the events.
            if (!StockCounter.of(state).contains(StockCounter.valueOf(measure.name()))) {
                continue;
            }
            switch (measure) {
                case STAFF_ACTIVE -> found.add(staffContribution(person, "+1 active staff (" + person.getAction()
                        + " as " + person.getRole() + ")"));
                case IT_TEACHERS -> found.add(staffContribution(person, "+1 active IT teacher (" + person.getAction() + ")"));
                case IT_CERTIFIED -> found.add(certificationContribution(state.awards().get(highest), person,
                        "+1 certified active staff: holds " + highest + " (roster event " + person.getEventId() + ")"));
                case IT_DEGREE_TEACHERS -> found.add(certificationContribution(state.awards().get(CertificationLevel.IT_DEGREE),
                        person, "+1 active IT teacher with an IT degree (roster event " + person.getEventId() + ")"));
                case COMMUNITY_TEAM_STAFF -> {
                    // One person counts once, however many communes' teams they are in: named by the first.
                    final Map.Entry<String, StaffEvent> team = new java.util.TreeMap<>(state.teams()).firstEntry();
                    found.add(contribution(Topics.STAFF_EVENTS.name(), team.getValue().getEventId(),
                            team.getValue().getSchoolId(), person.getStaffId(), "+1 active staff in the community"
                                    + " digital technology team of commune " + team.getKey() + " (" + state.teams().size()
                                    + " team(s); roster event " + person.getEventId() + ")", 1));
                }
                default -> throw new IllegalArgumentException("not a staff measure: " + measure);
            }
        }
        return found;
    }

    private Contribution staffContribution(final StaffEvent person, final String contributed) {
        return contribution(Topics.STAFF_EVENTS.name(), person.getEventId(), person.getSchoolId(), person.getStaffId(),
                contributed, 1);
    }

    private Contribution certificationContribution(final CertificationEvent award, final StaffEvent person,
                                                   final String contributed) {
        return contribution(Topics.CERTIFICATION_EVENTS.name(), award.getEventId(), award.getSchoolId(),
                person.getStaffId(), contributed, 1);
    }

    private List<Contribution> devices(final String unitId, final Measure measure) {
        final List<Contribution> found = new ArrayList<>();
        for (final DeviceState state : fold.devices().values()) {
            if (!state.inService() || !inUnit(state.holder(), unitId)) {
                continue;
            }
            final DeviceEvent device = state.latest();
            final boolean counts = StockCounter.of(state).contains(StockCounter.valueOf(measure.name()));
            if (counts) {
                found.add(contribution(Topics.DEVICE_EVENTS.name(), device.getEventId(), device.getSchoolId(),
                        device.getDeviceId(), "+1 " + device.getType() + " in service for " + device.getPurpose()
                                + " from " + device.getSource() + " (" + device.getAction() + ")", 1));
            }
        }
        return found;
    }

    private List<Contribution> schools(final String unitId, final Measure measure) {
        final Map<String, Long> teachingComputers = new HashMap<>();
        if (measure == Measure.SCHOOLS_WITH_TEACHING_COMPUTERS) {
            for (final Contribution device : devices(unitId, Measure.COMPUTERS_TEACHING)) {
                teachingComputers.merge(device.schoolId(), 1L, Long::sum);
            }
        }
        final List<Contribution> found = new ArrayList<>();
        for (final SchoolVersion school : schools.values()) {
            if (!inUnit(school.getSchoolId(), unitId)) {
                continue;
            }
            final String version = school.getSchoolId() + "@" + LocalDate.ofEpochDay(school.getEffectiveFrom());
            final long amount = switch (measure) {
                case SCHOOLS -> 1;
                case SCHOOLS_WITH_INTERNET -> school.getInternetForTeaching() ? 1 : 0;
                case SCHOOLS_WITH_TEACHING_COMPUTERS -> teachingComputers.getOrDefault(school.getSchoolId(), 0L) > 0 ? 1 : 0;
                case LEARNERS -> school.getLearnersEnrolled();
                case SCHOOLS_WITH_WIFI -> school.getWifiCoverage() ? 1 : 0;
                case SCHOOLS_CONNECTION_NONE, SCHOOLS_CONNECTION_FIXED_BROADBAND, SCHOOLS_CONNECTION_MOBILE_BROADBAND,
                     SCHOOLS_CONNECTION_WIFI_BROADBAND ->
                        measure.name().equals("SCHOOLS_CONNECTION_" + school.getInternet()) ? 1 : 0;
                default -> throw new IllegalArgumentException("not a school measure: " + measure);
            };
            if (amount != 0) {
                final String what = switch (measure) {
                    case SCHOOLS -> "+1 school in " + places(school);
                    case SCHOOLS_WITH_INTERNET -> "+1 school with internet for teaching";
                    case SCHOOLS_WITH_TEACHING_COMPUTERS -> "+1 school with " + teachingComputers.get(school.getSchoolId())
                            + " teaching computer(s)";
                    case SCHOOLS_WITH_WIFI -> "+1 school with wifi coverage";
                    case SCHOOLS_CONNECTION_NONE, SCHOOLS_CONNECTION_FIXED_BROADBAND, SCHOOLS_CONNECTION_MOBILE_BROADBAND,
                         SCHOOLS_CONNECTION_WIFI_BROADBAND -> "+1 school connected by " + school.getInternet();
                    default -> "+" + amount + " learners enrolled";
                };
                found.add(contribution(Topics.SCHOOLS.name(), version, school.getSchoolId(), school.getSchoolId(),
                        what + " (version effective " + LocalDate.ofEpochDay(school.getEffectiveFrom()) + ")", amount));
            }
        }
        return found;
    }

    /**
     * The sessions behind a flow measure, from the replayed session step's own store: each session as
     * its school last stated it (a cancelled one counts nowhere), with the event that stated it and that
     * event's log position, counted in the windows the rules core defines, ending on the audited day.
     */
    private List<Contribution> training(final String unitId, final Measure measure) {
        final List<Contribution> found = new ArrayList<>();
        for (final TrainingFact session : fold.sessions().values()) {
            // A session counts where the school's version in force on its day placed it.
            if (!session.getCounts() || !counts(session.getSchool(), unitId)) {
                continue;
            }
            final int day = ProvinceCalendar.epochDay(session.getOccurredAt());
            final long amount = FlowMeasures.ofOneSession(measure, day, today, session.getParticipants(),
                    session.getDrill(), TrainingRules.late(Instant.ofEpochMilli(session.getOccurredAt()),
                            Instant.ofEpochMilli(session.getAppendedAt()), grace));
            if (amount == 0) {
                continue;
            }
            final String what = (measure == Measure.LATE_EVENTS ? "+1 session recorded late, held "
                    : "+" + amount + (measure.name().startsWith("PARTICIPANTS") ? " participants, session held "
                    : measure == Measure.DRILLS_365D ? " drill held " : " session held "))
                    + LocalDate.ofEpochDay(day) + " at " + session.getSchoolId() + ", counted in "
                    + places(session.getSchool()) + " by the school's version effective "
                    + LocalDate.ofEpochDay(session.getSchool().getEffectiveFrom())
                    + " (session " + session.getSessionId() + "; windows end " + LocalDate.ofEpochDay(today) + ")";
            found.add(new Contribution(session.getTopic(), session.getPartition(), session.getOffset(), session.getEventId(),
                    session.getSchoolId(), session.getSessionId(), what, amount));
        }
        return found;
    }

    /**
     * The findings behind a quality count: each doubtful or refused record that counts now, posted by a
     * school of the unit (the school whose record it is, wherever the person or device now is).
     */
    private List<Contribution> quality(final String unitId, final Measure measure) {
        final List<Contribution> found = new ArrayList<>();
        for (final LogFold.CountedFinding finding : fold.findings()) {
            if (!inUnit(finding.schoolId(), unitId) || measure == Measure.QUALITY_REFUSED && !finding.refused()
                    || measure == Measure.QUALITY_DOUBTFUL && finding.refused()) {
                continue;
            }
            final LogFold.Source source = finding.source();
            found.add(new Contribution(source == null ? "" : source.topic(), source == null ? -1 : source.partition(),
                    source == null ? -1 : source.offset(), finding.eventId(), finding.schoolId(), finding.entityId(),
                    "+1 " + (finding.refused() ? "refused" : "doubtful") + " record: " + finding.ruleId(), 1));
        }
        return found;
    }

    private Contribution contribution(final String topic, final String eventId, final String schoolId,
                                      final String entityId, final String contributed, final long amount) {
        final LogFold.Source source = fold.sourceOf(topic, eventId);
        if (source == null) {
            throw new IllegalStateException("No replayed record of " + topic + " carries event " + eventId);
        }
        return new Contribution(topic, source.partition(), source.offset(), eventId, schoolId, entityId, contributed,
                amount);
    }

}
