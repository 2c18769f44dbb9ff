package org.edupulse.serving;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.edupulse.serving.ApiRoute.UnitKind;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.ProvinceCalendar;

/** Parses requests under {@code /api/v1/} into {@link ApiRoute}s; a pure function of method and URI. */
final class ApiRoutes {

    static final String PREFIX = "/api/v1/";

    private static final Pattern UNIT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private ApiRoutes() {
    }

    static ApiRoute parse(final String method, final URI uri) {
        try {
            return parseChecked(method, uri);
        } catch (final IllegalArgumentException e) {
            return new ApiRoute.Refused(Reply.error(400, "malformed URL encoding in " + uri.getRawPath()));
        }
    }

    private static ApiRoute parseChecked(final String method, final URI uri) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return new ApiRoute.Refused(Reply.error(405, "only GET is allowed here").withHeader("Allow", "GET, HEAD"));
        }
        final String path = uri.getRawPath();
        if (!path.startsWith(PREFIX)) {
            return notFound(path);
        }
        final List<String> segments = segments(path.substring(PREFIX.length()));
        if (segments.equals(List.of("districts"))) {
            return new ApiRoute.AllUnits(UnitKind.DISTRICT);
        }
        if (segments.equals(List.of("provinces"))) {
            return new ApiRoute.AllUnits(UnitKind.PROVINCE);
        }
        if (segments.equals(List.of("indicators"))) {
            return new ApiRoute.Catalog();
        }
        if (segments.size() < 2 || segments.size() > 3) {
            return notFound(path);
        }
        final UnitKind kind = switch (segments.get(0)) {
            case "districts" -> UnitKind.DISTRICT;
            case "provinces" -> UnitKind.PROVINCE;
            default -> null;
        };
        if (kind == null || segments.size() == 3 && !"history".equals(segments.get(2))) {
            return notFound(path);
        }
        final String unitId = segments.get(1);
        if (!UNIT_ID.matcher(unitId).matches()) {
            return new ApiRoute.Refused(Reply.error(400, "a " + kind.label()
                    + " id is 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        return segments.size() == 2 ? new ApiRoute.Unit(kind, unitId) : history(kind, unitId, query(uri));
    }

    private static ApiRoute history(final UnitKind kind, final String unitId, final Map<String, String> query) {
        final String indicator = query.get("indicator");
        if (indicator == null || indicator.isBlank()) {
            return new ApiRoute.Refused(Reply.error(400, "the indicator parameter is required, "
                    + "e.g. ?indicator=training.sessions.30d (see /api/v1/indicators)"));
        }
        if (IndicatorCatalog.byId(indicator).isEmpty()) {
            return new ApiRoute.Refused(Reply.error(400, "unknown indicator '" + indicator
                    + "' (see /api/v1/indicators)"));
        }
        try {
            final Instant from = instant(query.get("from"), false);
            final Instant to = instant(query.get("to"), true);
            if (from != null && to != null && from.isAfter(to)) {
                return new ApiRoute.Refused(Reply.error(400, "from must not be after to"));
            }
            return new ApiRoute.History(kind, unitId, indicator, from, to);
        } catch (final DateTimeException e) {
            return new ApiRoute.Refused(Reply.error(400, "from and to are ISO-8601 instants "
                    + "(2025-06-01T00:00:00Z) or dates (2025-06-01, in the province's calendar)"));
        }
    }

    /** An instant, or a date meaning the start (or, for an upper bound, the end) of that day in the province. */
    static Instant instant(final String text, final boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() == 10) {
            final LocalDate date = LocalDate.parse(text);
            final LocalDate day = endOfDay ? date.plusDays(1) : date;
            final Instant start = day.atStartOfDay(ProvinceCalendar.ZONE).toInstant();
            return endOfDay ? start.minusMillis(1) : start;
        }
        return Instant.parse(text);
    }

    private static List<String> segments(final String rest) {
        final String trimmed = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/", -1)).stream()
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
    }

    private static Map<String, String> query(final URI uri) {
        final Map<String, String> params = new HashMap<>();
        final String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (final String pair : raw.split("&")) {
            final int eq = pair.indexOf('=');
            final String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static ApiRoute notFound(final String path) {
        return new ApiRoute.Refused(Reply.error(404, "no such resource: " + path
                + " (try /api/v1/districts, /api/v1/indicators)"));
    }
}
