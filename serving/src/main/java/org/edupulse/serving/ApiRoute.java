package org.edupulse.serving;

import java.time.Instant;

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

    /** {@code GET /api/v1/indicators}: the catalog. */
    record Catalog() implements ApiRoute {
    }

    /**
     * {@code GET /api/v1/districts/{id}/history?indicator=ID&from=&to=} (and the same for provinces).
     *
     * @param from inclusive lower bound of {@code asOf}, or null
     * @param to   inclusive upper bound of {@code asOf}, or null
     */
    record History(UnitKind kind, String unitId, String indicator, Instant from, Instant to) implements ApiRoute {
    }

    /** A request the API refuses, with the reply that says why (400, 404, 405). */
    record Refused(Reply reply) implements ApiRoute {
    }

    /** Which level of unit, and so which store, a path names. */
    enum UnitKind {
        DISTRICT("district"), PROVINCE("province");

        private final String label;

        UnitKind(final String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }
}
