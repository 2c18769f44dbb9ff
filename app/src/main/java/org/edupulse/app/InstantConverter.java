package org.edupulse.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.edupulse.streams.ProvinceCalendar;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an instant as an auditor writes it: an ISO instant ({@code 2025-06-30T17:00:00Z}), or a
 * date, meaning the end of that day in the province's calendar ({@code 2025-06-30} is
 * 2025-06-30T23:59:59.999 in Asia/Ho_Chi_Minh).
 */
public final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(final String value) {
        final String text = value.trim();
        try {
            return Instant.parse(text);
        } catch (final DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(ProvinceCalendar.ZONE).toInstant().minusMillis(1);
            } catch (final DateTimeParseException notADate) {
                throw new TypeConversionException("'" + value + "' is neither an instant like 2025-06-30T17:00:00Z"
                        + " nor a date like 2025-06-30");
            }
        }
    }
}
