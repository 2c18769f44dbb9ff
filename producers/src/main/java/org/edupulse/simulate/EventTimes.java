package org.edupulse.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded event times in the province's working hours (07:00 to 17:00 local), so that a history
 * looks like a school's register rather than uniform noise, and so that one entity's events are
 * strictly increasing (no ties for the pipeline to break).
 */
final class EventTimes {

    private static final Duration WORKDAY_START = Duration.ofHours(7);
    private static final long WORKDAY_MILLIS = Duration.ofHours(10).toMillis();
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final long MIN_GAP_MILLIS = Duration.ofMinutes(1).toMillis();

    private EventTimes() {
    }

    /** A working-hours instant on a day drawn uniformly from {@code first} to {@code last}, inclusive. */
    static Instant onWorkingDay(final SplittableRandom random, final LocalDate first, final LocalDate last) {
        final long days = Math.max(0, ChronoUnit.DAYS.between(first, last));
        final LocalDate day = first.plusDays(random.nextLong(days + 1));
        final long secondOfWorkday = random.nextLong(WORKDAY_MILLIS / 1000);
        return ProvinceTime.startOf(day).plus(WORKDAY_START).plusSeconds(secondOfWorkday);
    }

    /**
     * {@code count} working-hours instants, strictly after {@code after}, at least a minute apart and
     * ascending; drawn uniformly up to {@code until} (a later bound is widened to a day after {@code after}).
     */
    static Instant[] ascending(final SplittableRandom random, final Instant after, final Instant until,
                               final int count) {
        final long from = after.toEpochMilli();
        final long to = Math.max(until.toEpochMilli(), from + DAY_MILLIS);
        final long[] raw = new long[count];
        for (int i = 0; i < count; i++) {
            raw[i] = from + random.nextLong(to - from);
        }
        Arrays.sort(raw);
        final Instant[] times = new Instant[count];
        long previous = from;
        for (int i = 0; i < count; i++) {
            final long candidate = Math.max(toWorkingHours(raw[i]), previous + MIN_GAP_MILLIS);
            times[i] = Instant.ofEpochMilli(candidate);
            previous = candidate;
        }
        return times;
    }

    /** Maps the instant's place in its local day onto the same day's working hours, keeping order. */
    private static long toWorkingHours(final long epochMillis) {
        final Instant instant = Instant.ofEpochMilli(epochMillis);
        final LocalDate day = instant.atZone(ProvinceTime.ZONE).toLocalDate();
        final long midnight = ProvinceTime.startOf(day).toEpochMilli();
        final double fractionOfDay = (epochMillis - midnight) / (double) DAY_MILLIS;
        return midnight + WORKDAY_START.toMillis() + (long) (fractionOfDay * WORKDAY_MILLIS) / 1000 * 1000;
    }
}
