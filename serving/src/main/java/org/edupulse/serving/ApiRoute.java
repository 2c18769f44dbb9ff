package org.edupulse.serving;

import java.time.Instant;
import java.time.LocalDate;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.streams.IndicatorsTopology;

/**
 * What a request under {@code /api/v1/} asks for, decided from method, path and query alone, so the
 * routing rules are tested without a server.
 */
sealed interface ApiRoute {

    /** {@code GET /api/v1/districts} or {@code /api/v1/provinces}: every unit, merged across instances. */
    record AllUnits(UnitKind kind) implements ApiRoute {
    }

    /** {@code GET /api/v1/districts/{id}} or {@code /api/v1/provinces/{id}}. */
    record Unit(UnitKind kind, String unitId) implements ApiRoute {
    }

    /**
     * {@code GET /api/v1/indicators}: the catalog, its names and definitions in both languages and, as
     * {@code localized}, in the one asked for.
     *
     * @param lang "vi" or "en": {@code ?lang=}, else the {@code Accept-Language} header, else "vi"
     */
    record Catalog(String lang) implements ApiRoute {
    }

    /**
     * {@code GET /api/v1/districts/{id}/history?indicator=ID&from=&to=} (and the same for provinces).
     *
     * @param from inclusive lower bound of {@code asOf}, or null
     * @param to   inclusive upper bound of {@code asOf}, or null
     */
    record History(UnitKind kind, String unitId, String indicator, Instant from, Instant to) implements ApiRoute {
    }

    /**
     * {@code GET /api/v1/units/{id}}: the latest IndicatorSet of a unit of any level, looked up in the
     * school, commune, district and province stores in that order; {@code ?level=} looks at one only.
     *
     * @param level the one level to look at, or null for every level
     */
    record AnyUnit(String unitId, UnitKind level) implements ApiRoute {
    }

    /**
     * {@code GET /api/v1/units?level=&parent=&asOf=}: the hierarchy of the reference data as of a date.
     *
     * @param level  the level listed, or null for every level
     * @param parent an ancestor (province, district or commune) the units listed are under, or null
     * @param asOf   the date the school versions in force are taken on, or null for today in the province
     */
    record UnitList(UnitKind level, String parent, LocalDate asOf) implements ApiRoute {
    }

    /**
     * {@code GET /api/v1/units/{id}/series?indicator=&grain=&from=&to=}: one indicator of one unit per
     * period, from the published periods.
     *
     * @param from first day a period may start on, or null
     * @param to   last day a period may start on, or null
     * @param format JSON, CSV ({@code Accept: text/csv} or {@code ?format=csv}) or XLSX ({@code ?format=xlsx} or
     *               the workbook's media type in {@code Accept})
     * @param lang   the language of the workbook's headings ("vi" or "en"); the CSV keeps its fixed English header
     */
    record Series(String unitId, String indicator, PeriodGrain grain, LocalDate from, LocalDate to, Format format,
                  String lang) implements ApiRoute {

        boolean csv() {
            return format == Format.CSV;
        }
    }

    /**
     * {@code GET /api/v1/units/{id}/table?format=json|csv|xlsx&lang=vi|en}: the tables of the unit's page
     * (the figures of the units under it, or a school's own; the definitions), for download.
     */
    record UnitTable(String unitId, Format format, String lang) implements ApiRoute {
    }

    /**
     * {@code GET /api/v1/units/{id}/periods/{period}?compare=&format=&lang=}: every indicator of one period
     * of a unit ({@code 2025-11}, {@code 2025-Q3}, {@code 2025}, {@code 2024-2025}), as published, and of
     * another period of the same grain beside it.
     *
     * @param compare the period compared with, or null
     */
    record UnitPeriod(String unitId, PeriodGrain grain, String period, String compare, Format format, String lang)
            implements ApiRoute {
    }

    /** What an answer is written as. */
    enum Format {
        JSON, CSV, XLSX
    }

    /** A request the API refuses, with the reply that says why (400, 404, 405). */
    record Refused(Reply reply) implements ApiRoute {
    }

    /** Which level of unit, and so which store of {@link IndicatorsTopology}, a request names. */
    enum UnitKind {
        SCHOOL("school", IndicatorsTopology.SCHOOL_STORE),
        COMMUNE("commune", IndicatorsTopology.COMMUNE_STORE),
        DISTRICT("district", IndicatorsTopology.DISTRICT_STORE),
        PROVINCE("province", IndicatorsTopology.PROVINCE_STORE);

        private final String label;
        private final String store;

        UnitKind(final String label, final String store) {
            this.label = label;
            this.store = store;
        }

        String label() {
            return label;
        }

        String store() {
            return store;
        }
    }
}
