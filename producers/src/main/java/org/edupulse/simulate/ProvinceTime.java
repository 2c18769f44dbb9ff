package org.edupulse.simulate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The province's calendar: its time zone and the span of the simulated history. Kept in one
 * place so that no other class names a zone, and so that tests and generators agree on the range.
 */
public final class ProvinceTime {

    /** The province's zone; the only place the simulator names one. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** First day of the simulated history: the start of the 2021-2022 school year. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2021, 9, 1);

    /** Last day of the simulated history, the date the published figures describe. */
    public static final LocalDate LAST_DAY = LocalDate.of(2025, 11, 30);

    /** First instant of the history (midnight of {@link #FIRST_DAY} in the province). */
    public static final Instant HISTORY_START = FIRST_DAY.atStartOfDay(ZONE).toInstant();

    /** Last instant of the history (one millisecond before the day after {@link #LAST_DAY}). */
    public static final Instant HISTORY_END = LAST_DAY.plusDays(1).atStartOfDay(ZONE).toInstant().minusMillis(1);

    private ProvinceTime() {
    }

    /** Midnight at the start of a province calendar day, as an instant. */
    public static Instant startOf(final LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}
