package org.edupulse.streams;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.edupulse.rules.TrainingRules;

/**
 * Which training measure is which count of the rules core's windows: the one mapping the live flow
 * step publishes with and the audit's lineage attributes with.
 */
public final class FlowMeasures {

    /** The training flow measures. */
    public static final Set<Measure> ALL = EnumSet.of(Measure.SESSIONS_TOTAL, Measure.SESSIONS_30D,
            Measure.SESSIONS_90D, Measure.SESSIONS_365D, Measure.PARTICIPANTS_30D, Measure.PARTICIPANTS_365D,
            Measure.DRILLS_365D, Measure.LATE_EVENTS);

    private FlowMeasures() {
    }

    /**
     * The value of flow {@code measure} for sessions whose all-time count is {@code sessions}, of which
     * {@code late} were recorded late, and whose windows ending on the evaluated day are {@code windows}.
     */
    public static long of(final Measure measure, final TrainingRules.Windows windows, final long sessions,
                          final long late) {
        return switch (measure) {
            case SESSIONS_TOTAL -> sessions;
            case SESSIONS_30D -> windows.sessions30();
            case SESSIONS_90D -> windows.sessions90();
            case SESSIONS_365D -> windows.sessions365();
            case PARTICIPANTS_30D -> windows.participants30();
            case PARTICIPANTS_365D -> windows.participants365();
            case DRILLS_365D -> windows.drills365();
            case LATE_EVENTS -> late;
            default -> throw new IllegalArgumentException("not a training measure: " + measure);
        };
    }

    /** What one session held on {@code day} adds to {@code measure} evaluated on {@code today}. */
    public static long ofOneSession(final Measure measure, final int day, final int today, final long participants,
                                    final boolean drill, final boolean late) {
        final TrainingRules.Windows windows = TrainingRules.windows(
                List.of(new TrainingRules.Day(day, 1, participants, drill ? 1 : 0)), today);
        return of(measure, windows, 1, late ? 1 : 0);
    }
}
