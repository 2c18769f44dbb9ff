package org.edupulse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of a replay: what was read, what the topology recomputed from it, what had been
 * published as of the instant, and every difference between the two. On the known-at axis a
 * difference means the pipeline published something its own input does not support; on the
 * event-time axis it means events that arrived later have changed the figure since.
 *
 * @param asOf             the instant audited
 * @param axis             the time axis
 * @param catalogVersion   version of the indicator catalog the replay computed with
 * @param unitIds          units reported, at any level; empty for all units
 * @param sourceOffsets    the raw and reference partitions read, with offsets
 * @param publishedOffsets the history partitions read for the published values
 * @param eventsReplayed   records fed to the topology
 * @param recomputed       recomputed figures per unit, sorted by unit id
 * @param published        published figures per unit as of the instant, sorted by unit id
 * @param differences      every difference, sorted by unit then indicator
 */
public record ReplayResult(Instant asOf, Axis axis, String catalogVersion, Set<String> unitIds,
                           List<PartitionOffsets> sourceOffsets, List<PartitionOffsets> publishedOffsets,
                           long eventsReplayed, List<UnitFigures> recomputed, List<UnitFigures> published,
                           List<Difference> differences) {

    /** Exit code of {@code edupulse replay} when the figures agree. */
    public static final int EXIT_AGREES = 0;
    /** Exit code of {@code edupulse replay} when they differ. */
    public static final int EXIT_DIFFERS = 3;

    public ReplayResult {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(axis, "axis");
        unitIds = Set.copyOf(unitIds);
        sourceOffsets = List.copyOf(sourceOffsets);
        publishedOffsets = List.copyOf(publishedOffsets);
        recomputed = List.copyOf(recomputed);
        published = List.copyOf(published);
        differences = List.copyOf(differences);
    }

    /** Whether the recomputed figures equal the published ones, unit for unit and part for part. */
    public boolean agrees() {
        return differences.isEmpty();
    }

    /**
     * The units asked for that neither the replay nor the published history has as of the instant: a
     * mistyped id, or a unit that had nothing yet. Empty when every unit was asked for.
     */
    public Set<String> unitsNotFound() {
        final Set<String> missing = new TreeSet<>(unitIds);
        recomputed.forEach(u -> missing.remove(u.unitId()));
        published.forEach(u -> missing.remove(u.unitId()));
        return missing;
    }

    /** {@link #EXIT_AGREES} or {@link #EXIT_DIFFERS}. */
    public int exitCode() {
        return agrees() ? EXIT_AGREES : EXIT_DIFFERS;
    }
}
