package org.edupulse.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an auditor asks a replay: the instant, the time axis, and which districts to report (the
 * replay itself always covers the whole province, since a province is the sum of its districts).
 *
 * @param asOf        the instant audited
 * @param axis        which events count as of that instant
 * @param districtIds districts to report; empty reports every district and province
 */
public record ReplayRequest(Instant asOf, Axis axis, Set<String> districtIds) {

    public ReplayRequest {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(axis, "axis");
        districtIds = Set.copyOf(new TreeSet<>(Objects.requireNonNull(districtIds, "districtIds")));
    }

    /** A request for every unit. */
    public static ReplayRequest of(final Instant asOf, final Axis axis) {
        return new ReplayRequest(asOf, axis, Set.of());
    }

    /** Whether the report covers {@code unitId} of the given level. */
    boolean reports(final String unitId, final boolean district) {
        return districtIds.isEmpty() || district && districtIds.contains(unitId);
    }
}
