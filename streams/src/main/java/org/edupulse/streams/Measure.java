package org.edupulse.streams;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.edupulse.rules.SessionCounter;

/**
 * The additive counters behind every indicator, one slot each in a unit's totals vector. Indicators
 * are ratios of these, so a province's numbers are sums of its districts' counters and never
 * averages of their ratios. Append new measures at the end: the ordinal is the slot in stored state.
 */
public enum Measure {
    STAFF_ACTIVE("staff on a school's roster now (joined or transferred in, and not since left or released)"),
    IT_TEACHERS("active staff whose role is IT_TEACHER"),
    IT_CERTIFIED("active staff holding at least a basic IT certification that is not revoked"),
    IT_DEGREE_TEACHERS("active IT teachers holding an IT university degree"),
    TABLETS("tablets in service"),
    TABLETS_WITH_SIM("tablets in service with a 4G SIM"),
    COMPUTERS("desktops and laptops in service"),
    COMPUTERS_OFFICE("computers in service used for office tasks"),
    COMPUTERS_TEACHING("computers in service used for teaching"),
    SPONSORED("devices in service obtained through sponsorship programmes"),
    SCHOOLS("schools reporting to the unit"),
    SCHOOLS_WITH_INTERNET("schools with internet available for teaching"),
    SCHOOLS_WITH_TEACHING_COMPUTERS("schools with at least one computer in service for teaching"),
    LEARNERS("learners enrolled"),
    SESSIONS_TOTAL("training sessions held, all time (each school session once, as the school last stated it; cancelled ones not)"),
    SESSIONS_30D("training sessions held in the last 30 days of the province's calendar, today included"),
    SESSIONS_90D("training sessions held in the last 90 days of the province's calendar, today included"),
    SESSIONS_365D("training sessions held in the last 365 days of the province's calendar, today included"),
    PARTICIPANTS_30D("participants in training sessions of the last 30 days"),
    PARTICIPANTS_365D("participants in training sessions of the last 365 days"),
    DRILLS_365D("cybersecurity drill sessions held in the last 365 days"),
    LATE_EVENTS("training sessions recorded more than the grace period (7 days) after they were held; they count in their"
            + " day too, and are listed in the late-event ledger because they changed figures already published"),
    QUALITY_FINDINGS("data-quality findings that apply now to records posted by the unit's schools, refused and"
            + " doubtful records alike: what the records as they stand give, whatever the order they arrived in; a"
            + " record later corrected, or a refusal a late event resolves, stops counting (its finding stays on the"
            + " data-quality topic as a log entry)"),
    QUALITY_REFUSED("data-quality findings that apply now to records posted by the unit's schools that are refused"
            + " and change no figure (a change to a person or device another school holds, an event id sent again"
            + " with other content, more events for one person or device than EduPulse keeps)"),
    QUALITY_DOUBTFUL("data-quality findings that apply now to records posted by the unit's schools that are counted"
            + " as usual but look wrong (for example a desktop computer with a 4G SIM, a school record with no"
            + " learners): worth checking with the school"),
    SESSIONS_IN_PERIOD("training sessions held in the period (each school session once, as the school last stated it;"
            + " cancelled ones not)"),
    PARTICIPANTS_IN_PERIOD("participants in the training sessions held in the period"),
    DRILLS_IN_PERIOD("cybersecurity drill sessions held in the period"),
    LATE_IN_PERIOD("training sessions held in the period and recorded more than the grace period (7 days) after"),
    COMMUNITY_TEAM_STAFF("active staff who are members of a commune's community digital technology team (TEAM_JOINED"
            + " and not since TEAM_LEFT)"),
    TABLETS_PURCHASED("tablets in service that were purchased (source PURCHASE)"),
    SCHOOLS_WITH_WIFI("schools whose record states wifi coverage"),
    SCHOOLS_CONNECTION_NONE("schools whose best internet connection is none"),
    SCHOOLS_CONNECTION_FIXED_BROADBAND("schools whose best internet connection is fixed broadband"),
    SCHOOLS_CONNECTION_MOBILE_BROADBAND("schools whose best internet connection is mobile broadband"),
    SCHOOLS_CONNECTION_WIFI_BROADBAND("schools whose best internet connection is broadband distributed by wifi"),
    SESSIONS_STAFF_IN_PERIOD("training sessions for staff held in the period"),
    SESSIONS_STUDENTS_IN_PERIOD("training sessions for students held in the period"),
    PARTICIPANTS_STAFF_IN_PERIOD("staff participants in the training sessions held in the period"),
    PARTICIPANTS_STUDENTS_IN_PERIOD("student participants in the training sessions held in the period"),
    SESSIONS_ONLINE_PUBLIC_SERVICES_IN_PERIOD("training sessions held in the period that covered using online public services (a session counts under each content it names)"),
    PARTICIPANTS_ONLINE_PUBLIC_SERVICES_IN_PERIOD("participants in the sessions held in the period that covered using online public services"),
    SESSIONS_ONLINE_SHOPPING_AND_PAYMENT_IN_PERIOD("training sessions held in the period that covered online shopping and payment (a session counts under each content it names)"),
    PARTICIPANTS_ONLINE_SHOPPING_AND_PAYMENT_IN_PERIOD("participants in the sessions held in the period that covered online shopping and payment"),
    SESSIONS_CYBERSPACE_SELF_PROTECTION_IN_PERIOD("training sessions held in the period that covered self-protection in cyberspace (a session counts under each content it names)"),
    PARTICIPANTS_CYBERSPACE_SELF_PROTECTION_IN_PERIOD("participants in the sessions held in the period that covered self-protection in cyberspace"),
    SESSIONS_LOCAL_DIGITAL_PLATFORMS_IN_PERIOD("training sessions held in the period that covered digital platforms suited to the locality (a session counts under each content it names)"),
    PARTICIPANTS_LOCAL_DIGITAL_PLATFORMS_IN_PERIOD("participants in the sessions held in the period that covered digital platforms suited to the locality"),
    SESSIONS_BASIC_DIGITAL_SKILLS_IN_PERIOD("training sessions held in the period that covered basic digital skills (a session counts under each content it names)"),
    PARTICIPANTS_BASIC_DIGITAL_SKILLS_IN_PERIOD("participants in the sessions held in the period that covered basic digital skills"),
    STUDENTS_REACHED_DIGITAL_SKILLS_IN_PERIOD("students reached by digital-skills sessions held in the period: the"
            + " participants of student sessions on STUDENT_DIGITAL_SKILLS (a student attending two sessions counts"
            + " twice)"),
    SESSIONS_TRAINER_STATED_IN_PERIOD("training sessions held in the period whose register states the kind of"
            + " trainer who led them"),
    SESSIONS_LED_BY_IT_IN_PERIOD("training sessions held in the period led by an IT teacher or an IT staff member"
            + " trained for it, as the school's register states");

    /** The measures that are stocks: a value as of an instant (people, devices, schools, learners). */
    public static final Set<Measure> STOCKS = Collections.unmodifiableSet(union(EnumSet.range(STAFF_ACTIVE, LEARNERS),
            EnumSet.range(COMMUNITY_TEAM_STAFF, SCHOOLS_CONNECTION_WIFI_BROADBAND)));

    /** The split training flows of a period, one per counter of the rules core's {@code SessionCounter}. */
    public static final Set<Measure> SESSION_SPLITS = Collections.unmodifiableSet(
            EnumSet.range(SESSIONS_STAFF_IN_PERIOD, SESSIONS_LED_BY_IT_IN_PERIOD));

    private static Set<Measure> union(final Set<Measure> first, final Set<Measure> second) {
        final Set<Measure> all = EnumSet.copyOf(first);
        all.addAll(second);
        return all;
    }

    /** The period measure of each rules-core session counter, by its ordinal: looked up per session change. */
    private static final Measure[] OF_COUNTER = java.util.Arrays.stream(SessionCounter.values())
            .map(counter -> valueOf(counter.name() + "_IN_PERIOD")).toArray(Measure[]::new);

    /** The period measure of a rules-core session counter. */
    public static Measure of(final SessionCounter counter) {
        return OF_COUNTER[counter.ordinal()];
    }

    /** Whether this measure is a stock, counted as of an instant, rather than a flow or a count of findings. */
    public boolean isStock() {
        return STOCKS.contains(this);
    }

    private final String description;

    Measure(final String description) {
        this.description = description;
    }

    /** What the counter counts, in words. */
    public String description() {
        return description;
    }
}
