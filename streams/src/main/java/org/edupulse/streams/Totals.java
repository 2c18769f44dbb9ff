package org.edupulse.streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import org.edupulse.rules.DeviceState;
import org.edupulse.rules.FindingKind;
import org.edupulse.rules.PersonState;
import org.edupulse.rules.StockCounter;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.streams.state.Place;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.UnitTotals;

/**
 * Contributions and the vector arithmetic of the adders and subtractors. Every stock entity (a
 * person, a device, a school) contributes a small vector of 0/1 counters to its unit; a unit's
 * totals are the sum of its contributions, so an update is "subtract the old vector, add the new".
 * The data-quality findings that apply now to a school's records count the same way: signed deltas
 * whenever a record makes one apply or stop applying.
 */
final class Totals {

    private static final int SIZE = Measure.values().length;
    private static final List<Long> ZEROS = Collections.nCopies(SIZE, 0L);
    /** A school version's vote, beside the name votes, that its district is a former district (a grouping). */
    private static final String FORMER_DISTRICT_VOTE = "FORMER_DISTRICT|";

    private Totals() {
    }

    static UnitTotals zero() {
        return new UnitTotals(Places.nowhere(), Long.MIN_VALUE, Long.MIN_VALUE, zeros(), new HashMap<>(), new HashMap<>());
    }

    static UnitTotals of(final Place place, final long asOf) {
        return new UnitTotals(place, asOf, Long.MIN_VALUE, zeros(), new HashMap<>(), new HashMap<>());
    }

    static long get(final UnitTotals totals, final Measure measure) {
        final List<Long> counts = totals.getCounts();
        return measure.ordinal() < counts.size() ? counts.get(measure.ordinal()) : 0L;
    }

    static void set(final UnitTotals totals, final Measure measure, final long value) {
        totals.getCounts().set(measure.ordinal(), value);
    }

    /** Adder: the aggregate takes the contribution's identity (its unit and parent) and adds its counters. */
    static UnitTotals add(final UnitTotals aggregate, final UnitTotals contribution) {
        return combine(contribution, aggregate, contribution, 1);
    }

    /** Subtractor: removes the counters of a contribution that no longer applies; identity unchanged. */
    static UnitTotals subtract(final UnitTotals aggregate, final UnitTotals contribution) {
        return combine(aggregate, aggregate, contribution, -1);
    }

    /** Sum of two totals of the same unit (either may be null, as in an outer join). */
    static UnitTotals sum(final UnitTotals left, final UnitTotals right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        return combine(left.getPlace().getUnitId().isEmpty() ? right : left, left, right, 1);
    }

    /** The counters of {@code contribution} with the opposite sign, for the same unit: what removing it changes. */
    static UnitTotals negate(final UnitTotals contribution) {
        return combine(contribution, of(contribution.getPlace(), contribution.getAsOf()), contribution, -1);
    }

    /**
     * The same counters, reported by the unit of level {@code level} that {@code unit} counts in: a
     * school's totals as a contribution to its commune or district, a commune's to its province.
     */
    static UnitTotals contributionTo(final UnitTotals unit, final UnitLevel level) {
        return new UnitTotals(Places.above(unit.getPlace(), level), unit.getAsOf(), unit.getEvaluatedAt(),
                new ArrayList<>(unit.getCounts()), new HashMap<>(unit.getNames()), new HashMap<>(unit.getProgrammes()));
    }

    private static UnitTotals combine(final UnitTotals identity, final UnitTotals base, final UnitTotals delta,
                                      final int sign) {
        return new Sum(base).plus(delta, sign).totals(identity.getPlace());
    }

    /**
     * Totals summed in place: the adder's arithmetic ({@link #add}: counters and keyed counts summed, a
     * keyed count that falls to 0 dropped, the latest times kept, the last contribution's identity)
     * without a new vector per addition, for a fold that sums many contributions to one unit.
     */
    static final class Sum {
        private Place place;
        private long asOf;
        private long evaluatedAt;
        private final long[] counts = new long[SIZE];
        private final Map<String, Long> names;
        private final Map<String, Long> programmes;

        /** A sum that starts as {@code start}. */
        Sum(final UnitTotals start) {
            place = start.getPlace();
            asOf = start.getAsOf();
            evaluatedAt = start.getEvaluatedAt();
            final List<Long> first = start.getCounts();
            for (int i = 0; i < SIZE && i < first.size(); i++) {
                counts[i] = first.get(i);
            }
            names = new HashMap<>(start.getNames());
            programmes = new HashMap<>(start.getProgrammes());
        }

        /** The adder: takes the contribution's identity and adds its counters. */
        Sum add(final UnitTotals contribution) {
            place = contribution.getPlace();
            return plus(contribution, 1);
        }

        /**
         * The adder for a stock entity's contribution to this sum of its school: {@link #add(UnitTotals)} of
         * {@link Stock#totals()}, whose identity (the school by its id) this sum has already.
         */
        Sum add(final Stock stock) {
            asOf = Math.max(asOf, stock.asOf());
            for (final StockCounter counter : stock.counters()) {
                counts[MEASURES[counter.ordinal()].ordinal()] += 1;
            }
            if (stock.programme() != null) {
                plus(programmes, Map.of(stock.programme(), 1L), 1);
            }
            return this;
        }

        /** Adds ({@code sign} 1) or subtracts ({@code sign} -1) the counters of {@code delta}; identity unchanged. */
        Sum plus(final UnitTotals delta, final int sign) {
            asOf = Math.max(asOf, delta.getAsOf());
            evaluatedAt = Math.max(evaluatedAt, delta.getEvaluatedAt());
            final List<Long> more = delta.getCounts();
            for (int i = 0; i < SIZE && i < more.size(); i++) {
                counts[i] += sign * more.get(i);
            }
            plus(names, delta.getNames(), sign);
            plus(programmes, delta.getProgrammes(), sign);
            return this;
        }

        /** The sum with its own identity; the sum must not be used after. */
        UnitTotals totals() {
            return totals(place);
        }

        /** The sum reported as the totals of {@code identity}; the sum must not be used after. */
        UnitTotals totals(final Place identity) {
            final List<Long> list = new ArrayList<>(SIZE);
            for (final long count : counts) {
                list.add(count);
            }
            return new UnitTotals(identity, asOf, evaluatedAt, list, names, programmes);
        }

        /** Keyed counts summed like the counters; a key whose count falls to 0 is dropped. */
        private static void plus(final Map<String, Long> sums, final Map<String, Long> delta, final int sign) {
            delta.forEach((key, count) -> {
                final long sum = sums.getOrDefault(key, 0L) + sign * count;
                if (sum == 0) {
                    sums.remove(key);
                } else {
                    sums.put(key, sum);
                }
            });
        }
    }

    /**
     * The name most of a unit's schools give it, by their versions in force (ties: the first in
     * alphabetical order), or {@code fallback} when no school names it (a commune merged away, with
     * sessions only): one school's record cannot rename a unit for everyone.
     */
    static String nameOf(final UnitTotals totals, final UnitLevel level, final String fallback) {
        final String prefix = level.name() + "|";
        String best = null;
        long bestVotes = 0;
        for (final Map.Entry<String, Long> entry : new TreeMap<>(totals.getNames()).entrySet()) {
            if (entry.getKey().startsWith(prefix) && entry.getValue() > bestVotes) {
                best = entry.getKey().substring(prefix.length());
                bestVotes = entry.getValue();
            }
        }
        return best != null ? best : fallback;
    }

    /**
     * Whether a district is a former district, a grouping kept for comparisons since the 2025 reform:
     * when any of its schools' versions in force says so. Counted like the name votes, so it does not
     * depend on which school's change was summed last (each ingest task activates versions on its own
     * event clock, so for a while some schools of a district may still be on their pre-reform version).
     */
    static boolean formerDistrict(final UnitTotals totals) {
        return totals.getNames().getOrDefault(FORMER_DISTRICT_VOTE, 0L) > 0;
    }

    /**
     * What one stock entity (a person or a device) contributes to the school holding it: each of its
     * counters 1, its latest time, and a device's programme counted once. {@link #totals()} as totals of
     * the school (the custody step's deltas); {@link Sum#add(Stock)} sums it in place without building them.
     */
    record Stock(String schoolId, long asOf, Set<StockCounter> counters, String programme) {

        /** The contribution as totals of the school. */
        UnitTotals totals() {
            final UnitTotals totals = of(Places.schoolId(schoolId), asOf);
            for (final StockCounter counter : counters) {
                set(totals, MEASURES[counter.ordinal()], 1);
            }
            if (programme != null) {
                totals.getProgrammes().put(programme, 1L);
            }
            return totals;
        }
    }

    /** The measure each stock counter counts in, by the counter's ordinal: the one of the same name. */
    private static final Measure[] MEASURES = Arrays.stream(StockCounter.values())
            .map(counter -> Measure.valueOf(counter.name())).toArray(Measure[]::new);

    /** One person's contribution to the school holding them, by the rules core; null when on no roster. */
    static Stock stockOf(final PersonState person) {
        if (!person.active()) {
            return null;
        }
        return new Stock(person.roster().getSchoolId(), latestTime(person), StockCounter.of(person), null);
    }

    private static long latestTime(final PersonState person) {
        long latest = person.roster().getOccurredAt().toEpochMilli();
        for (final CertificationEvent award : person.awards().values()) {
            latest = Math.max(latest, award.getOccurredAt().toEpochMilli());
        }
        return latest;
    }

    /** One device's contribution to the school holding it, by the rules core; null when held by nobody or retired. */
    static Stock stockOf(final DeviceState device) {
        if (!device.inService()) {
            return null;
        }
        final DeviceEvent latest = device.latest();
        return new Stock(latest.getSchoolId(), latest.getOccurredAt().toEpochMilli(), StockCounter.of(device),
                device.programme());
    }

    /**
     * What one finding about a training session adds to the totals of the school that posted it: one
     * finding, and one refused or one doubtful record as the rules core classifies its rule id. The
     * session step decides these per record in its school's log order, so nothing subtracts them.
     */
    static UnitTotals ofFinding(final DataQualityFinding finding) {
        final boolean refused = FindingKind.of(finding.getRuleId()) == FindingKind.REFUSED;
        return ofFindings(finding.getSchoolId(), finding.getOccurredAt().toEpochMilli(), refused ? 1 : 0, refused ? 0 : 1);
    }

    /**
     * A signed change of the findings that apply now to records of school {@code schoolId}: {@code refused}
     * more (or fewer, when negative) refused records and {@code doubtful} more doubtful ones.
     */
    static UnitTotals ofFindings(final String schoolId, final long asOf, final long refused, final long doubtful) {
        final UnitTotals totals = of(Places.schoolId(schoolId), asOf);
        set(totals, Measure.QUALITY_FINDINGS, refused + doubtful);
        set(totals, Measure.QUALITY_REFUSED, refused);
        set(totals, Measure.QUALITY_DOUBTFUL, doubtful);
        return totals;
    }

    /**
     * A school's own stock totals, placed where its version in force puts it: itself plus the stocks
     * it holds. Its commune and district sum these; a new version moves all of them in one update.
     */
    static UnitTotals ofSchool(final SchoolVersion school, final UnitTotals stocks) {
        final long effective = ProvinceCalendar.startOfDay(school.getEffectiveFrom());
        final UnitTotals totals = stocks == null
                ? of(Places.school(school), effective)
                : new UnitTotals(Places.school(school), Math.max(effective, stocks.getAsOf()), stocks.getEvaluatedAt(),
                new ArrayList<>(padded(stocks)), new HashMap<>(), new HashMap<>(stocks.getProgrammes()));
        // The school's vote for the names of the units it counts in.
        totals.getNames().put(UnitLevel.COMMUNE.name() + "|" + school.getCommuneName(), 1L);
        if (!school.getDistrictId().isEmpty()) {
            totals.getNames().put(UnitLevel.DISTRICT.name() + "|" + school.getDistrictName(), 1L);
            if (school.getDistrictIsFormer()) {
                totals.getNames().put(FORMER_DISTRICT_VOTE, 1L);
            }
        }
        totals.getNames().put(UnitLevel.PROVINCE.name() + "|" + school.getProvinceName(), 1L);
        final long[] counts = new long[SIZE];
        for (final Measure measure : Measure.values()) {
            counts[measure.ordinal()] = get(totals, measure);
        }
        addSchoolItself(counts, school);
        for (final Measure measure : Measure.values()) {
            set(totals, measure, counts[measure.ordinal()]);
        }
        return totals;
    }

    /**
     * The counters {@link #addSchoolItself} sets or reads: on every other counter a school's stocks plus
     * itself change exactly as its stocks do, so a change that touches none of these is linear.
     */
    private static final Set<Measure> SCHOOL_ITSELF = schoolItselfMeasures();

    private static Set<Measure> schoolItselfMeasures() {
        final Set<Measure> measures = EnumSet.of(Measure.SCHOOLS, Measure.SCHOOLS_WITH_INTERNET,
                Measure.SCHOOLS_WITH_TEACHING_COMPUTERS, Measure.COMPUTERS_TEACHING, Measure.LEARNERS,
                Measure.SCHOOLS_WITH_WIFI);
        for (final Connectivity connection : Connectivity.values()) {
            measures.add(Measure.valueOf("SCHOOLS_CONNECTION_" + connection.name()));
        }
        return measures;
    }

    /** Whether {@code counts} (by Measure ordinal) changes a counter that {@link #addSchoolItself} sets or reads. */
    static boolean touchesSchoolItself(final List<Long> counts) {
        for (final Measure measure : SCHOOL_ITSELF) {
            if (measure.ordinal() < counts.size() && counts.get(measure.ordinal()) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a school adds to its own stock counters as {@code school} describes it: itself, whether it
     * has internet for teaching, its learners, wifi coverage, its connection type, and whether it has a computer for teaching (from the
     * counters it already holds). The live totals and the calendar periods share this rule.
     */
    static void addSchoolItself(final long[] counts, final SchoolVersion school) {
        counts[Measure.SCHOOLS.ordinal()] = 1;
        counts[Measure.SCHOOLS_WITH_INTERNET.ordinal()] = school.getInternetForTeaching() ? 1 : 0;
        counts[Measure.SCHOOLS_WITH_TEACHING_COMPUTERS.ordinal()] =
                counts[Measure.COMPUTERS_TEACHING.ordinal()] > 0 ? 1 : 0;
        counts[Measure.LEARNERS.ordinal()] = school.getLearnersEnrolled();
        counts[Measure.SCHOOLS_WITH_WIFI.ordinal()] = school.getWifiCoverage() ? 1 : 0;
        for (final Connectivity connection : Connectivity.values()) {
            counts[Measure.valueOf("SCHOOLS_CONNECTION_" + connection.name()).ordinal()] =
                    connection.name().equals(school.getInternet()) ? 1 : 0;
        }
    }

    private static List<Long> padded(final UnitTotals totals) {
        final List<Long> counts = zeros();
        for (final Measure measure : Measure.values()) {
            counts.set(measure.ordinal(), get(totals, measure));
        }
        return counts;
    }

    private static List<Long> zeros() {
        return new ArrayList<>(ZEROS);
    }
}
