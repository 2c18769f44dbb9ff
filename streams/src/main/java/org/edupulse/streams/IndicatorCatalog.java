package org.edupulse.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one indicator catalog: every published indicator id with its formula over {@link Measure}s.
 * It is code rather than a resource file so that a formula cannot name a measure that does not
 * exist; {@link #VERSION} travels in every published IndicatorSet, and changes whenever an id or a
 * formula changes.
 */
public final class IndicatorCatalog {

    /**
     * Version of the definitions below; 1.0.1: a ratio whose denominator is 0 has no value (was 0);
     * 1.0.2: training windows end on the province's current day (were: the latest event's day), a
     * session is (school, session id) and counts as its school last stated it, a late session counts
     * in its day (was: in the late count only) and {@code events.late.total} counts sessions recorded late;
     * 1.1.0: three new counts, {@code quality.findings.total}, {@code quality.refused.total} and
     * {@code quality.doubtful.total}: findings that apply now: the data-quality findings that the records
     * the unit's schools posted give as they stand, whatever their arrival order (all; about refused
     * records; about records counted but doubtful). A minor version: ids were added, and no existing id
     * or formula changed; 1.2.0: indicators of schools and communes as well, and per calendar period
     * ({@link #periods()}): the stock indicators as of the period's end, and {@code training.sessions},
     * {@code training.participants}, {@code training.cybersecurity_drills} and {@code events.late} summed over
     * the period; 1.3.0 (contracts v2): {@code staff.community_team}, {@code devices.tablets.purchased},
     * {@code schools.with_wifi} and its share, {@code schools.connection.*} (schools by connection type), live
     * and per period; per period, training sessions and participants by audience and by content,
     * {@code training.students_reached.digital_skills} and {@code training.sessions.led_by_it.share}; and the
     * breakdown {@code devices.sponsored.in_service.by_programme} ({@link #breakdowns()}). A minor version:
     * ids were added, and no existing id or formula changed.
     */
    public static final String VERSION = "1.3.0";

    /** Id of the breakdown of sponsored devices in service by sponsorship programme, in {@code IndicatorSet.breakdowns}. */
    public static final String SPONSORED_BY_PROGRAMME = "devices.sponsored.in_service.by_programme";

    private static final String PERSONS = "persons";
    private static final String SESSIONS = "sessions";
    private static final String DEVICES = "devices";
    private static final String PERCENT = "%";
    private static final String FINDINGS = "findings";
    private static final String SCHOOLS = "schools";
    private static final String CONNECTION_TYPE = "UIS ICT in education: schools by type of Internet connection";

    private static final List<IndicatorDefinition> DEFINITIONS = List.of(
            count("staff.active", "Active staff", Measure.STAFF_ACTIVE, PERSONS, null),
            count("staff.it_teachers", "IT teachers", Measure.IT_TEACHERS, PERSONS, null),
            share("staff.it_teachers.share", "IT teachers, % of staff", Measure.IT_TEACHERS, Measure.STAFF_ACTIVE, null),
            share("staff.it_certified.share", "Staff with IT certification, %", Measure.IT_CERTIFIED,
                    Measure.STAFF_ACTIVE, "UIS ED8-like (ICT-qualified teachers), computed over all active staff"),
            count("staff.it_degree_teachers", "IT teachers with an IT degree", Measure.IT_DEGREE_TEACHERS, PERSONS, null),
            count("training.sessions.total", "Training sessions, all time", Measure.SESSIONS_TOTAL, SESSIONS, null),
            count("training.sessions.30d", "Training sessions, 30 days", Measure.SESSIONS_30D, SESSIONS, null),
            count("training.sessions.90d", "Training sessions, 90 days", Measure.SESSIONS_90D, SESSIONS, null),
            count("training.sessions.365d", "Training sessions, 365 days", Measure.SESSIONS_365D, SESSIONS, null),
            count("training.participants.30d", "Training participants, 30 days", Measure.PARTICIPANTS_30D, PERSONS, null),
            count("training.participants.365d", "Training participants, 365 days", Measure.PARTICIPANTS_365D, PERSONS, null),
            count("training.cybersecurity_drills.365d", "Cybersecurity drills, 365 days", Measure.DRILLS_365D,
                    SESSIONS, null),
            count("devices.tablets.in_service", "Tablets in service", Measure.TABLETS, DEVICES, null),
            count("devices.tablets.with_sim", "Tablets with a 4G SIM", Measure.TABLETS_WITH_SIM, DEVICES,
                    "SDG 4.a.1(b) input: mobile broadband for learners"),
            count("devices.computers.in_service", "Computers in service", Measure.COMPUTERS, DEVICES, null),
            count("devices.computers.office", "Computers for office tasks", Measure.COMPUTERS_OFFICE, DEVICES, null),
            count("devices.computers.teaching", "Computers for teaching", Measure.COMPUTERS_TEACHING, DEVICES,
                    "UIS ED4bis denominator (computers for pedagogical use)"),
            count("devices.sponsored.in_service", "Sponsored devices in service", Measure.SPONSORED, DEVICES, null),
            new IndicatorDefinition("learners.per_teaching_computer", "Learners per teaching computer",
                    "learners enrolled divided by computers in service for teaching (no value when there are none)",
                    Measure.LEARNERS, Measure.COMPUTERS_TEACHING, 1, "learners per computer",
                    "UIS ED4bis (learners-to-computer ratio)"),
            share("schools.with_internet.share", "Schools with internet for teaching, %", Measure.SCHOOLS_WITH_INTERNET,
                    Measure.SCHOOLS, "SDG 4.a.1(b)"),
            share("schools.with_teaching_computers.share", "Schools with teaching computers, %",
                    Measure.SCHOOLS_WITH_TEACHING_COMPUTERS, Measure.SCHOOLS, "SDG 4.a.1(c)"),
            count("schools.total", "Schools", Measure.SCHOOLS, "schools", null),
            count("learners.enrolled", "Learners enrolled", Measure.LEARNERS, "learners", null),
            count("events.late.total", "Sessions recorded late", Measure.LATE_EVENTS, SESSIONS, null),
            count("quality.findings.total", "Data-quality findings", Measure.QUALITY_FINDINGS, FINDINGS, null),
            count("quality.refused.total", "Findings: records refused", Measure.QUALITY_REFUSED, FINDINGS, null),
            count("quality.doubtful.total", "Findings: records counted but doubtful", Measure.QUALITY_DOUBTFUL,
                    FINDINGS, null),
            count("staff.community_team", "Staff in community digital technology teams", Measure.COMMUNITY_TEAM_STAFF,
                    PERSONS, null),
            count("devices.tablets.purchased", "Purchased tablets in service", Measure.TABLETS_PURCHASED, DEVICES,
                    null),
            count("schools.with_wifi", "Schools with wifi coverage", Measure.SCHOOLS_WITH_WIFI, SCHOOLS, null),
            share("schools.with_wifi.share", "Schools with wifi coverage, %", Measure.SCHOOLS_WITH_WIFI,
                    Measure.SCHOOLS, "input to SDG 4.a.1(b) (Internet for pedagogical purposes): coverage, not use"),
            count("schools.connection.none", "Schools without an internet connection", Measure.SCHOOLS_CONNECTION_NONE,
                    SCHOOLS, CONNECTION_TYPE),
            count("schools.connection.fixed_broadband", "Schools on fixed broadband",
                    Measure.SCHOOLS_CONNECTION_FIXED_BROADBAND, SCHOOLS, CONNECTION_TYPE),
            count("schools.connection.mobile_broadband", "Schools on mobile broadband",
                    Measure.SCHOOLS_CONNECTION_MOBILE_BROADBAND, SCHOOLS, CONNECTION_TYPE),
            count("schools.connection.wifi_broadband", "Schools on broadband distributed by wifi",
                    Measure.SCHOOLS_CONNECTION_WIFI_BROADBAND, SCHOOLS, CONNECTION_TYPE));

    /**
     * Indicators broken down by a key the catalog cannot list in advance, published in
     * {@code IndicatorSet.breakdowns} under their id, key by key: the same formula as the indicator of
     * the same measure, for the part of the unit's stock that has the key.
     */
    private static final List<IndicatorDefinition> BREAKDOWNS = List.of(
            new IndicatorDefinition(SPONSORED_BY_PROGRAMME, "Sponsored devices in service, by programme",
                    "number of " + Measure.SPONSORED.description() + ", for each programme as the devices' events"
                            + " name it (key: the programme's name)", Measure.SPONSORED, null, 1, DEVICES, null));

    /** What a period publishes besides the stock indicators: the training held in it. */
    private static final List<IndicatorDefinition> PERIOD_FLOWS = List.of(
            count("training.sessions", "Training sessions held in the period", Measure.SESSIONS_IN_PERIOD, SESSIONS,
                    null),
            count("training.participants", "Training participants in the period", Measure.PARTICIPANTS_IN_PERIOD,
                    PERSONS, null),
            count("training.cybersecurity_drills", "Cybersecurity drills held in the period", Measure.DRILLS_IN_PERIOD,
                    SESSIONS, null),
            count("events.late", "Sessions of the period recorded late", Measure.LATE_IN_PERIOD, SESSIONS, null),
            count("training.sessions.staff", "Training sessions for staff", Measure.SESSIONS_STAFF_IN_PERIOD, SESSIONS,
                    null),
            count("training.sessions.students", "Training sessions for students", Measure.SESSIONS_STUDENTS_IN_PERIOD,
                    SESSIONS, null),
            count("training.participants.staff", "Staff participants in training", Measure.PARTICIPANTS_STAFF_IN_PERIOD,
                    PERSONS, null),
            count("training.participants.students", "Student participants in training",
                    Measure.PARTICIPANTS_STUDENTS_IN_PERIOD, PERSONS, null),
            count("training.sessions.content.online_public_services", "Sessions on online public services",
                    Measure.SESSIONS_ONLINE_PUBLIC_SERVICES_IN_PERIOD, SESSIONS, null),
            count("training.participants.content.online_public_services", "Participants: online public services",
                    Measure.PARTICIPANTS_ONLINE_PUBLIC_SERVICES_IN_PERIOD, PERSONS, null),
            count("training.sessions.content.online_shopping_and_payment", "Sessions on online shopping and payment",
                    Measure.SESSIONS_ONLINE_SHOPPING_AND_PAYMENT_IN_PERIOD, SESSIONS, null),
            count("training.participants.content.online_shopping_and_payment",
                    "Participants: online shopping and payment", Measure.PARTICIPANTS_ONLINE_SHOPPING_AND_PAYMENT_IN_PERIOD,
                    PERSONS, null),
            count("training.sessions.content.cyberspace_self_protection", "Sessions on self-protection in cyberspace",
                    Measure.SESSIONS_CYBERSPACE_SELF_PROTECTION_IN_PERIOD, SESSIONS, null),
            count("training.participants.content.cyberspace_self_protection",
                    "Participants: self-protection in cyberspace", Measure.PARTICIPANTS_CYBERSPACE_SELF_PROTECTION_IN_PERIOD,
                    PERSONS, null),
            count("training.sessions.content.local_digital_platforms", "Sessions on local digital platforms",
                    Measure.SESSIONS_LOCAL_DIGITAL_PLATFORMS_IN_PERIOD, SESSIONS, null),
            count("training.participants.content.local_digital_platforms", "Participants: local digital platforms",
                    Measure.PARTICIPANTS_LOCAL_DIGITAL_PLATFORMS_IN_PERIOD, PERSONS, null),
            count("training.sessions.content.basic_digital_skills", "Sessions on basic digital skills",
                    Measure.SESSIONS_BASIC_DIGITAL_SKILLS_IN_PERIOD, SESSIONS, null),
            count("training.participants.content.basic_digital_skills", "Participants: basic digital skills",
                    Measure.PARTICIPANTS_BASIC_DIGITAL_SKILLS_IN_PERIOD, PERSONS, null),
            count("training.students_reached.digital_skills", "Students reached by digital-skills sessions",
                    Measure.STUDENTS_REACHED_DIGITAL_SKILLS_IN_PERIOD, PERSONS,
                    "input to SDG 4.4.1 (youth with ICT skills): attendances, not a skills measurement"),
            count("training.sessions.trainer_stated", "Sessions whose trainer's kind is stated",
                    Measure.SESSIONS_TRAINER_STATED_IN_PERIOD, SESSIONS, null),
            share("training.sessions.led_by_it.share", "Sessions led by a trained IT teacher or IT staff member, %",
                    Measure.SESSIONS_LED_BY_IT_IN_PERIOD, Measure.SESSIONS_TRAINER_STATED_IN_PERIOD, null));

    private static final List<IndicatorDefinition> PERIODS = periodDefinitions();

    private static final Map<String, IndicatorDefinition> BY_ID = index();

    private IndicatorCatalog() {
    }

    /** Every definition, in publication order. */
    public static List<IndicatorDefinition> all() {
        return DEFINITIONS;
    }

    /**
     * What each calendar period of a unit publishes: every stock indicator of {@link #all()} (people,
     * devices, schools, learners), as of the period's last instant, and the training held in the period.
     * Rolling windows, all-time totals and the data-quality counts (which count what applies now) are
     * not period figures.
     */
    public static List<IndicatorDefinition> periods() {
        return PERIODS;
    }

    private static List<IndicatorDefinition> periodDefinitions() {
        final List<IndicatorDefinition> periods = new ArrayList<>();
        for (final IndicatorDefinition definition : DEFINITIONS) {
            if (definition.numerator().isStock() && (definition.denominator() == null
                    || definition.denominator().isStock())) {
                periods.add(definition);
            }
        }
        periods.addAll(PERIOD_FLOWS);
        return List.copyOf(periods);
    }

    /** The breakdowns a unit publishes in {@code IndicatorSet.breakdowns}, one per id. */
    public static List<IndicatorDefinition> breakdowns() {
        return BREAKDOWNS;
    }

    /** The definition of {@code id} among the indicators of periods ({@link #periods()}), if there is one. */
    public static Optional<IndicatorDefinition> periodById(final String id) {
        return PERIODS.stream().filter(definition -> definition.id().equals(id)).findFirst();
    }

    /** The definition of {@code id} among the live indicators ({@link #all()}), if the catalog has one. */
    public static Optional<IndicatorDefinition> byId(final String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    private static IndicatorDefinition count(final String id, final String name, final Measure measure,
                                             final String unit, final String correspondence) {
        return new IndicatorDefinition(id, name, "number of " + measure.description(), measure, null, 1, unit,
                correspondence);
    }

    private static IndicatorDefinition share(final String id, final String name, final Measure numerator,
                                             final Measure denominator, final String correspondence) {
        return new IndicatorDefinition(id, name, numerator.description() + ", as a percentage of "
                + denominator.description(), numerator, denominator, 100, PERCENT, correspondence);
    }

    private static Map<String, IndicatorDefinition> index() {
        final Map<String, IndicatorDefinition> byId = new LinkedHashMap<>();
        for (final IndicatorDefinition definition : DEFINITIONS) {
            if (byId.put(definition.id(), definition) != null) {
                throw new IllegalStateException("Duplicate indicator id " + definition.id());
            }
        }
        return Map.copyOf(byId);
    }
}
