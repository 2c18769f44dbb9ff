package org.edupulse.bench;

import java.util.List;
import java.util.Objects;

/**
 * One row of the report: a figure of ours, the reference measured side by side (Kafka's own tool,
 * or plain Avro), their ratio and the target. Ratios are always "ours relative to the
 * reference, higher is better": for throughputs ours ÷ reference, for times per record
 * reference ÷ ours.
 *
 * @param scenario         e.g. {@code 1 ingest}
 * @param metric           what the figure is, e.g. {@code records/s}
 * @param ours             median of our repetitions
 * @param reference        median of the reference's repetitions, or null when there is none
 * @param ratio            ours relative to the reference, or null
 * @param target           the target in words, or null when the issue sets none
 * @param met              whether the target is met, or null without a target
 * @param oursSamples      every repetition of ours
 * @param referenceSamples every repetition of the reference
 * @param note             how it was measured, in a line
 */
public record Result(String scenario, String metric, double ours, Double reference, Double ratio, String target,
                     Boolean met, List<Double> oursSamples, List<Double> referenceSamples, String note) {

    public Result {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(metric, "metric");
        oursSamples = List.copyOf(oursSamples);
        referenceSamples = List.copyOf(referenceSamples);
        note = note == null ? "" : note;
    }

    /** A throughput row against a reference: ratio = ours ÷ reference, met when ratio ≥ {@code minRatio}. */
    public static Result throughputVs(final String scenario, final String metric, final List<Double> ours,
                                      final List<Double> reference, final double minRatio, final String note) {
        final double o = Stats.median(ours);
        final double r = Stats.median(reference);
        final double ratio = o / r;
        return new Result(scenario, metric, o, r, ratio, "ratio >= " + minRatio, ratio >= minRatio, ours, reference, note);
    }

    /** A throughput row against a reference without a target of its own: a breakdown of another row. */
    public static Result throughputAgainst(final String scenario, final String metric, final List<Double> ours,
                                           final List<Double> reference, final String note) {
        final double o = Stats.median(ours);
        final double r = Stats.median(reference);
        return new Result(scenario, metric, o, r, o / r, null, null, ours, reference, note);
    }

    /** A time-per-record row against a reference: ratio = reference ÷ ours, no target. */
    public static Result timeVs(final String scenario, final String metric, final List<Double> ours,
                                final List<Double> reference, final String note) {
        final double o = Stats.median(ours);
        final double r = Stats.median(reference);
        return new Result(scenario, metric, o, r, r / o, null, null, ours, reference, note);
    }

    /** A figure without reference, with an optional target checked by the caller. */
    public static Result alone(final String scenario, final String metric, final List<Double> ours, final String target,
                               final Boolean met, final String note) {
        return new Result(scenario, metric, Stats.median(ours), null, null, target, met, ours, List.of(), note);
    }

    /** A row for a scenario that could not be measured, with the reason. */
    public static Result notMeasured(final String scenario, final String metric, final String target, final String why) {
        return new Result(scenario, metric, Double.NaN, null, null, target, null, List.of(), List.of(),
                "not measured: " + why);
    }

    /** Whether the row holds a measurement. */
    public boolean measured() {
        return !Double.isNaN(ours);
    }
}
