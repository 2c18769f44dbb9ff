package org.edupulse.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Scenario 5: runs {@link SerdeBenchmark} through JMH's own runner and reports ns per record, ours
 * against plain Avro, with the overhead per record (our extra work: the 5-byte header, the subject
 * and schema id lookup, a fresh output buffer per record; on reading, the header and the reader
 * lookup by writer schema). Samples are JMH's measurement iterations over all forks.
 */
final class SerdeScenario {

    static final String SCENARIO = "5 serde";

    private final BenchSettings settings;
    private final PrintWriter log;

    SerdeScenario(final BenchSettings settings, final PrintWriter log) {
        this.settings = settings;
        this.log = log;
    }

    List<Result> run() {
        final Options options = new OptionsBuilder()
                .include(SerdeBenchmark.class.getName() + "\\.")
                .forks(settings.jmhForks())
                .warmupIterations(settings.jmhIterations())
                .warmupTime(TimeValue.seconds(settings.jmhSeconds()))
                .measurementIterations(settings.jmhIterations())
                .measurementTime(TimeValue.seconds(settings.jmhSeconds()))
                .timeUnit(TimeUnit.NANOSECONDS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        final Collection<RunResult> runs;
        try {
            runs = new Runner(options).run();
        } catch (final RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        final Map<String, List<Double>> samples = new HashMap<>();
        for (final RunResult run : runs) {
            final String method = run.getParams().getBenchmark().substring(SerdeBenchmark.class.getName().length() + 1);
            final List<Double> scores = samples.computeIfAbsent(method, m -> new ArrayList<>());
            for (final BenchmarkResult fork : run.getBenchmarkResults()) {
                for (final IterationResult iteration : fork.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
        }
        final String how = String.format(Locale.ROOT, "JMH average time, %d fork(s), %d x %d s warm-up and"
                + " measurement, %d mixed records; reference: SpecificDatum%s with reused binary %s",
                settings.jmhForks(), settings.jmhIterations(), settings.jmhSeconds(), SerdeBenchmark.RECORDS, "%s", "%s");
        final Result write = Result.timeVs(SCENARIO, "serialize ns/record", samples.get("oursSerialize"),
                samples.get("plainAvroSerialize"), overhead(samples, "Serialize") + "; "
                        + String.format(Locale.ROOT, how, "Writer", "encoder"));
        final Result read = Result.timeVs(SCENARIO, "deserialize ns/record", samples.get("oursDeserialize"),
                samples.get("plainAvroDeserialize"), overhead(samples, "Deserialize") + "; "
                        + String.format(Locale.ROOT, how, "Reader", "decoder"));
        final Result set = Result.timeVs(SCENARIO, "serialize set ns/record", samples.get("oursSerializeSet"),
                samples.get("plainAvroSerializeSet"), overhead(samples, "SerializeSet") + "; a school's published"
                        + " IndicatorSet with every catalog indicator, " + SerdeBenchmark.SETS + " schools; ours writes"
                        + " each IndicatorValue with Avro's generated coder, the reference with Avro's defaults");
        log.printf(Locale.ROOT, "  serde: serialize %.0f vs %.0f ns, deserialize %.0f vs %.0f ns, published set %.0f vs"
                + " %.0f ns%n", write.ours(), write.reference(), read.ours(), read.reference(), set.ours(),
                set.reference());
        log.flush();
        return List.of(write, read, set);
    }

    private static String overhead(final Map<String, List<Double>> samples, final String op) {
        final double ours = Stats.median(samples.get("ours" + op));
        final double plain = Stats.median(samples.get("plainAvro" + op));
        return String.format(Locale.ROOT, "overhead %+.0f ns per record (%+.0f%%)", ours - plain,
                (ours - plain) / plain * 100);
    }
}
