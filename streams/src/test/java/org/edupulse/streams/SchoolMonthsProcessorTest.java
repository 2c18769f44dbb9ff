package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.edupulse.streams.state.MonthCount;
import org.edupulse.streams.state.SchoolVersion;
import org.junit.jupiter.api.Test;

/**
 * A change of a school's stocks in one month is sent as signed changes per unit and month computed from
 * the school's versions alone ({@link SchoolMonthsProcessor#stockChange}); they must be exactly what the
 * school's whole contribution after the change less before it is ({@link SchoolMonthsProcessor#unitMonths}),
 * whatever the versions (moves between communes and districts, a version without a district, a
 * retroactive one) and wherever the month lies (before the first version, between versions, after the
 * last).
 */
class SchoolMonthsProcessorTest {

    private static final int SIZE = Measure.values().length;
    private static final int BASE_MONTH = PeriodCalendar.monthOfDay((int) LocalDate.of(2023, 1, 1).toEpochDay());

    @Test
    void aStockChangeSendsWhatTheWholeContributionAfterLessBeforeSends() {
        final Random random = new Random(20261205L);
        int moves = 0;
        int linear = 0;
        for (int round = 0; round < 2_000; round++) {
            final List<SchoolVersion> versions = versions(random);
            final List<MonthCount> months = months(random);
            final int month = BASE_MONTH - 3 + random.nextInt(40);
            // Half the changes touch only counters the school itself neither sets nor reads (people,
            // certificates, most devices): those are computed from the versions alone.
            final List<Long> change = round % 2 == 0 ? withoutSchoolItself(counts(random)) : counts(random);
            if (!Totals.touchesSchoolItself(change)) {
                linear++;
            }

            final Map<String, long[]> expected = counts(SchoolMonthsProcessor.unitMonths("S", versions,
                    MonthCounts.withChange(months, month, change), Integer.MIN_VALUE));
            SchoolMonthsProcessor.unitMonths("S", versions, months, Integer.MIN_VALUE)
                    .forEach((key, before) -> expected.merge(key, negated(before.counts()), SchoolMonthsProcessorTest::plus));
            expected.values().removeIf(SchoolMonthsProcessorTest::isZero);

            final Map<String, long[]> actual = counts(SchoolMonthsProcessor.stockChange("S", versions, () -> months,
                    month, change));
            actual.values().removeIf(SchoolMonthsProcessorTest::isZero);

            assertThat(asLists(actual)).as("round %d, month %d, versions %s", round, month, versions)
                    .isEqualTo(asLists(expected));
            if (actual.size() > 4) {
                moves++;
            }
        }
        // The rounds must include changes that later moves carry from one unit to another.
        assertThat(moves).isGreaterThan(200);
        assertThat(linear).isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void aSchoolWithoutVersionsSendsNothing() {
        assertThat(SchoolMonthsProcessor.stockChange("S", List.of(), List::of, BASE_MONTH,
                withoutSchoolItself(counts(new Random(1))))).isEmpty();
        assertThat(SchoolMonthsProcessor.stockChange("S", List.of(), List::of, BASE_MONTH, counts(new Random(1))))
                .isEmpty();
    }

    private static List<SchoolVersion> versions(final Random random) {
        final int count = random.nextInt(4);
        final List<SchoolVersion> versions = new ArrayList<>();
        int day = (int) LocalDate.of(2023, 1, 1).toEpochDay() + random.nextInt(200);
        for (int i = 0; i < count; i++) {
            final String commune = "C" + random.nextInt(3);
            final boolean hasDistrict = random.nextInt(4) > 0;
            final String district = hasDistrict ? "D" + random.nextInt(2) : "";
            versions.add(new SchoolVersion("S", day, "School", commune, "Commune " + commune, district,
                    hasDistrict ? "District " + district : "", false, "P", "Province", random.nextInt(3) * 100,
                    random.nextBoolean(), "NONE", false));
            day += 1 + random.nextInt(400);
        }
        return versions;
    }

    private static List<MonthCount> months(final Random random) {
        final TreeMap<Integer, MonthCount> months = new TreeMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            final int month = BASE_MONTH - 2 + random.nextInt(36);
            months.put(month, new MonthCount(month, counts(random)));
        }
        return new ArrayList<>(months.values());
    }

    private static List<Long> counts(final Random random) {
        final List<Long> counts = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            counts.add(random.nextInt(3) == 0 ? (long) random.nextInt(7) - 3 : 0L);
        }
        counts.set(random.nextInt(SIZE), (long) random.nextInt(5) + 1);
        return counts;
    }

    private static List<Long> withoutSchoolItself(final List<Long> counts) {
        final List<Long> result = new ArrayList<>(counts);
        for (int i = 0; i < SIZE; i++) {
            final List<Long> one = new ArrayList<>(java.util.Collections.nCopies(SIZE, 0L));
            one.set(i, 1L);
            if (Totals.touchesSchoolItself(one)) {
                result.set(i, 0L);
            }
        }
        if (result.stream().allMatch(c -> c == 0)) {
            result.set(Measure.STAFF_ACTIVE.ordinal(), 1L);
        }
        return result;
    }

    private static Map<String, long[]> counts(final Map<String, SchoolMonthsProcessor.Change> changes) {
        final Map<String, long[]> counts = new HashMap<>();
        changes.forEach((key, change) -> counts.put(key, change.counts().clone()));
        return counts;
    }

    private static Map<String, List<Long>> asLists(final Map<String, long[]> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> java.util.Arrays.stream(e.getValue()).boxed().toList(), (a, b) -> a, TreeMap::new));
    }

    private static long[] negated(final long[] counts) {
        final long[] negated = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            negated[i] = -counts[i];
        }
        return negated;
    }

    private static long[] plus(final long[] a, final long[] b) {
        final long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    private static boolean isZero(final long[] counts) {
        return java.util.Arrays.stream(counts).allMatch(c -> c == 0);
    }
}
