package org.edupulse.streams;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The province's calendar: day boundaries of rolling windows and effective dates are midnights in
 * {@link #ZONE}, not UTC, so a session held at 06:30 local time on 2 March counts on 2 March.
 */
public final class ProvinceCalendar {

    /** The one time zone of the indicators: Điện Biên keeps Indochina Time (UTC+7, no DST). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private ProvinceCalendar() {
    }

    /** Epoch day, in the province's calendar, of an event-time instant in epoch milliseconds. */
    public static int epochDay(final long epochMillis) {
        return (int) LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZONE).toEpochDay();
    }

    /** The instant, in epoch milliseconds, at which a province-calendar epoch day begins. */
    public static long startOfDay(final int epochDay) {
        return LocalDate.ofEpochDay(epochDay).atStartOfDay(ZONE).toInstant().toEpochMilli();
    }
}
