package org.edupulse.serving;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.serving.ApiRoute.Format;
import org.edupulse.serving.ApiRoute.UnitKind;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.IndicatorTexts;
import org.edupulse.streams.ProvinceCalendar;

/** Parses requests under {@code /api/v1/} into {@link ApiRoute}s; a pure function of method and URI. */
final class ApiRoutes {

    static final String PREFIX = "/api/v1/";

    /** The language of an answer that asks for none: Vietnamese, the department's. */
    static final String DEFAULT_LANGUAGE = "vi";

    private static final Pattern UNIT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private ApiRoutes() {
    }

    static ApiRoute parse(final String method, final URI uri) {
        return parse(method, uri, null);
    }

    /** Like {@link #parse(String, URI)}, with the request's {@code Accept} header (null when absent). */
    static ApiRoute parse(final String method, final URI uri, final String accept) {
        return parse(method, uri, accept, null);
    }

    /** Like {@link #parse(String, URI, String)}, with the request's {@code Accept-Language} header (null when absent). */
    static ApiRoute parse(final String method, final URI uri, final String accept, final String acceptLanguage) {
        try {
            return parseChecked(method, uri, accept, acceptLanguage);
        } catch (final IllegalArgumentException e) {
            return new ApiRoute.Refused(Reply.error(400, "malformed URL encoding in " + uri.getRawPath()));
        }
    }

    private static ApiRoute parseChecked(final String method, final URI uri, final String accept,
                                         final String acceptLanguage) {
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
            final String lang = query(uri).get("lang");
            if (lang != null && !IndicatorTexts.LANGUAGES.contains(lang)) {
                return badLanguage(lang);
            }
            return new ApiRoute.Catalog(lang != null ? lang
                    : IndicatorTexts.fromAcceptLanguage(acceptLanguage).orElse(DEFAULT_LANGUAGE));
        }
        if (!segments.isEmpty() && "units".equals(segments.get(0))) {
            return units(segments, query(uri), accept, path);
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

    private static ApiRoute units(final List<String> segments, final Map<String, String> query, final String accept,
                                  final String path) {
        if (segments.size() == 1) {
            return unitList(query);
        }
        if (segments.size() == 4 && "periods".equals(segments.get(2))) {
            return period(segments.get(1), segments.get(3), query, accept);
        }
        if (segments.size() > 3 || segments.size() == 3 && !"series".equals(segments.get(2))
                && !"table".equals(segments.get(2))) {
            return notFound(path);
        }
        final String unitId = segments.get(1);
        if (!UNIT_ID.matcher(unitId).matches()) {
            return new ApiRoute.Refused(Reply.error(400, "a unit id is 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        if (segments.size() == 3 && "table".equals(segments.get(2))) {
            final String lang = query.getOrDefault("lang", DEFAULT_LANGUAGE);
            if (!IndicatorTexts.LANGUAGES.contains(lang)) {
                return badLanguage(lang);
            }
            final Format format = format(query.get("format"), accept, Format.JSON);
            return format == null ? badFormat(query.get("format")) : new ApiRoute.UnitTable(unitId, format, lang);
        }
        if (segments.size() == 3) {
            return series(unitId, query, accept);
        }
        final String level = query.get("level");
        if (level == null || level.isEmpty()) {
            return new ApiRoute.AnyUnit(unitId, null);
        }
        final UnitKind kind = level(level);
        return kind == null ? badLevel(level) : new ApiRoute.AnyUnit(unitId, kind);
    }

    private static ApiRoute unitList(final Map<String, String> query) {
        final String levelText = query.get("level");
        final UnitKind level = levelText == null || levelText.isEmpty() ? null : level(levelText);
        if (levelText != null && !levelText.isEmpty() && level == null) {
            return badLevel(levelText);
        }
        final String parent = query.get("parent");
        if (parent != null && !UNIT_ID.matcher(parent).matches()) {
            return new ApiRoute.Refused(Reply.error(400, "parent is a unit id: 1 to 64 letters, digits, '.', '_' "
                    + "or '-'"));
        }
        final String asOfText = query.get("asOf");
        LocalDate asOf = null;
        if (asOfText != null && !asOfText.isEmpty()) {
            try {
                asOf = LocalDate.parse(asOfText);
            } catch (final DateTimeException e) {
                return new ApiRoute.Refused(Reply.error(400, "asOf is a date YYYY-MM-DD (the province's calendar), "
                        + "was '" + asOfText + "'"));
            }
        }
        return new ApiRoute.UnitList(level, parent, asOf);
    }

    private static ApiRoute series(final String unitId, final Map<String, String> query, final String accept) {
        final String indicator = query.get("indicator");
        if (indicator == null || indicator.isBlank()) {
            return new ApiRoute.Refused(Reply.error(400, "the indicator parameter is required, "
                    + "e.g. ?indicator=staff.it_certified.share&grain=month"));
        }
        if (!UNIT_ID.matcher(indicator).matches()) {
            return new ApiRoute.Refused(Reply.error(400, "indicator is an indicator id such as "
                    + "staff.it_certified.share (see /api/v1/indicators)"));
        }
        if (IndicatorCatalog.periodById(indicator).isEmpty()) {
            return new ApiRoute.Refused(Reply.error(400, "indicator '" + indicator + "' has no series by period: "
                    + "periods publish the stock indicators and training.sessions, training.participants, "
                    + "training.cybersecurity_drills, events.late (see /api/v1/indicators)"));
        }
        final String grainText = query.getOrDefault("grain", "month");
        final PeriodGrain grain = PeriodLabels.grain(grainText).orElse(null);
        if (grain == null) {
            return new ApiRoute.Refused(Reply.error(400, "grain must be month, quarter, year or school-year, was '"
                    + grainText + "'"));
        }
        final Format format = format(query.get("format"), accept, Format.JSON);
        if (format == null) {
            return badFormat(query.get("format"));
        }
        final String lang = query.getOrDefault("lang", DEFAULT_LANGUAGE);
        if (!IndicatorTexts.LANGUAGES.contains(lang)) {
            return badLanguage(lang);
        }
        final LocalDate from;
        final LocalDate to;
        try {
            from = periodBound(query, "from", grain, false);
            to = periodBound(query, "to", grain, true);
        } catch (final BadParameter e) {
            return new ApiRoute.Refused(Reply.error(400, e.getMessage()));
        }
        if (from != null && to != null && from.isAfter(to)) {
            return new ApiRoute.Refused(Reply.error(400, "from must not be after to"));
        }
        return new ApiRoute.Series(unitId, indicator, grain, from, to, format, lang);
    }

    private static ApiRoute period(final String unitId, final String period, final Map<String, String> query,
                                   final String accept) {
        if (!UNIT_ID.matcher(unitId).matches()) {
            return new ApiRoute.Refused(Reply.error(400, "a unit id is 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        final PeriodGrain grain = PeriodLabels.grainOfLabel(period).orElse(null);
        if (grain == null) {
            return new ApiRoute.Refused(Reply.error(400, "a period is a month (2025-11), a quarter (2025-Q3), a year "
                    + "(2025) or a school year (2024-2025), was '" + period + "'"));
        }
        final String compare = query.get("compare");
        if (compare != null && !compare.isEmpty() && PeriodLabels.grainOfLabel(compare).orElse(null) != grain) {
            return new ApiRoute.Refused(Reply.error(400, "compare is a period of the same grain as " + period + " (e.g. "
                    + PeriodLabels.example(grain) + "), was '" + compare + "'"));
        }
        final Format format = format(query.get("format"), accept, Format.JSON);
        if (format == null) {
            return badFormat(query.get("format"));
        }
        final String lang = query.getOrDefault("lang", DEFAULT_LANGUAGE);
        if (!IndicatorTexts.LANGUAGES.contains(lang)) {
            return badLanguage(lang);
        }
        return new ApiRoute.UnitPeriod(unitId, grain, period, compare == null || compare.isEmpty() ? null : compare,
                format, lang);
    }

    /**
     * The format a request asks for: {@code ?format=json|csv|xlsx}, else by {@code Accept} (the workbook's
     * media type, then {@code text/csv}), else {@code otherwise}; null for an unknown {@code ?format=}.
     */
    private static Format format(final String parameter, final String accept, final Format otherwise) {
        if (parameter != null) {
            return switch (parameter) {
                case "json" -> Format.JSON;
                case "csv" -> Format.CSV;
                case "xlsx" -> Format.XLSX;
                default -> null;
            };
        }
        final String types = accept == null ? "" : accept.toLowerCase(Locale.ROOT);
        if (types.contains(TableFiles.XLSX_TYPE)) {
            return Format.XLSX;
        }
        return types.contains("text/csv") ? Format.CSV : otherwise;
    }

    private static ApiRoute badFormat(final String format) {
        return new ApiRoute.Refused(Reply.error(400, "format must be json, csv or xlsx, was '" + format + "'"));
    }

    private static ApiRoute badLanguage(final String lang) {
        return new ApiRoute.Refused(Reply.error(400, "lang must be one of " + IndicatorTexts.LANGUAGES + ", was '"
                + lang + "'"));
    }

    private static LocalDate periodBound(final Map<String, String> query, final String name, final PeriodGrain grain,
                                         final boolean upper) {
        final String text = query.get(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return PeriodLabels.bound(text, grain, upper);
        } catch (final DateTimeException e) {
            throw new BadParameter(name + " is a period of grain " + grain + " (e.g. " + PeriodLabels.example(grain)
                    + ") or a date YYYY-MM-DD, was '" + text + "'");
        }
    }

    /** A level name, case-insensitive: SCHOOL, COMMUNE, DISTRICT or PROVINCE; null for anything else. */
    private static UnitKind level(final String text) {
        for (final UnitKind kind : UnitKind.values()) {
            if (kind.name().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        return null;
    }

    private static ApiRoute badLevel(final String text) {
        return new ApiRoute.Refused(Reply.error(400, "level must be SCHOOL, COMMUNE, DISTRICT or PROVINCE, was '"
                + text + "'"));
    }

    /** A query parameter the request got wrong; the message names it and says why. */
    private static final class BadParameter extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadParameter(final String message) {
            super(message, null, false, false);
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
                + " (try /api/v1/districts, /api/v1/units, /api/v1/indicators)"));
    }
}
