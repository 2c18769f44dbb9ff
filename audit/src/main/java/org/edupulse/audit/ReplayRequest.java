package org.edupulse.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an auditor asks a replay: the instant, the time axis, and which units to report (the replay
 * itself always covers the whole province, since every unit above a school is a sum of the schools
 * and sessions below it).
 *
 * @param asOf    the instant audited
 * @param axis    which events count as of that instant
 * @param unitIds units to report, at any level (school, commune, district or province); empty reports every unit
 */
public record ReplayRequest(Instant asOf, Axis axis, Set<String> unitIds) {

    public ReplayRequest {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(axis, "axis");
        unitIds = Set.copyOf(new TreeSet<>(Objects.requireNonNull(unitIds, "unitIds")));
    }

    /** A request for every unit. */
    public static ReplayRequest of(final Instant asOf, final Axis axis) {
        return new ReplayRequest(asOf, axis, Set.of());
    }

    /** Whether the report covers unit {@code unitId}, whatever its level: every unit when none is listed. */
    public boolean reports(final String unitId) {
        return unitIds.isEmpty() || unitIds.contains(unitId);
    }
}
