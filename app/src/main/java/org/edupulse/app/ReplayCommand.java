package org.edupulse.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.edupulse.audit.Axis;
import org.edupulse.audit.Difference;
import org.edupulse.audit.Figure;
import org.edupulse.audit.ReplayProgress;
import org.edupulse.audit.ReplayRequest;
import org.edupulse.audit.ReplayResult;
import org.edupulse.audit.Replayer;
import org.edupulse.audit.ReportWriter;
import org.edupulse.ingest.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse replay}: recomputes every indicator as of an instant from the retained raw
 * topics with the live topology's code, in isolation, and compares the {@code known-at} answer
 * with what was actually published then. Exit code 0 when they agree, 3 when they differ.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Recompute the indicators as of an instant from the raw history and compare with what was published.")
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--as-of", required = true, paramLabel = "INSTANT",
            description = "An instant (2025-06-30T17:00:00Z) or a date (end of that day in Asia/Ho_Chi_Minh).")
    Instant asOf;

    @Option(names = "--axis", paramLabel = "AXIS", defaultValue = "known-at",
            description = "known-at: what had been appended by then (compared with what was published); "
                    + "event-time: everything that happened by then, including later arrivals (default: ${DEFAULT-VALUE}).")
    String axis;

    @Option(names = "--unit", paramLabel = "ID",
            description = "Only report this unit: a school, commune, district or province id, e.g. DB-MA-SCH-001, "
                    + "DB-MA-X01, DB-MA, DB (repeatable; default: every unit).")
    List<String> units;

    @Option(names = "--district", paramLabel = "ID",
            description = "Deprecated alias of --unit, kept for existing scripts: the same, for any unit id.")
    List<String> districts;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "audit-report",
            description = "Where report.json, report.csv and report.html go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter err = spec.commandLine().getErr();
        final Axis parsedAxis;
        try {
            parsedAxis = Axis.parse(axis);
        } catch (final IllegalArgumentException e) {
            err.println("edupulse replay: --axis: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (districts != null) {
            err.println("edupulse replay: --district is deprecated; use --unit, which takes any unit id");
        }
        final Set<String> unitIds = new TreeSet<>();
        if (units != null) {
            unitIds.addAll(units);
        }
        if (districts != null) {
            unitIds.addAll(districts);
        }
        final EduPulseConfig config = connection.load(Map.of());
        final ReplayRequest request = new ReplayRequest(asOf, parsedAxis, unitIds);
        final ReplayResult result = new Replayer(config.bootstrapServersOrLocal(), config.schemaRegistryUrlOrLocal())
                .withClientSettings(config.clientOverrides()).replay(request, progress(err));
        if (!result.unitsNotFound().isEmpty()) {
            err.println("edupulse replay: --unit: no unit " + String.join(", ", result.unitsNotFound())
                    + " was recomputed or published as of " + result.asOf()
                    + " (ids look like DB-MA-SCH-001, DB-MA-X01, DB-MA, DB)");
            err.flush();
            return ExitCodes.USAGE;
        }
        final List<Path> files = ReportWriter.write(result, out);
        final PrintWriter printed = spec.commandLine().getOut();
        printed.printf("Replayed %d events as of %s (%s, catalog %s).%n", result.eventsReplayed(), result.asOf(),
                result.axis().cliName(), result.catalogVersion());
        if (result.axis() == Axis.KNOWN_AT) {
            if (result.agrees()) {
                printed.println("Recomputed values agree with what was published.");
            } else {
                printed.printf("%d differences from what was published:%n", result.differences().size());
                result.differences().stream().limit(20).forEach(d -> printed.println("  " + describe(d)));
            }
        }
        printed.println("Report: " + files);
        printed.flush();
        return result.axis() == Axis.KNOWN_AT ? result.exitCode() : ExitCodes.OK;
    }

    private static String describe(final Difference difference) {
        return difference.unitId() + " " + difference.indicatorId() + ": recomputed " + figure(difference.recomputed())
                + ", published " + figure(difference.published()) + " (" + difference.reason() + ")";
    }

    private static String figure(final Figure figure) {
        return figure == null ? "nothing" : figure.denominator() == null ? Double.toString(figure.numerator())
                : figure.numerator() + "/" + figure.denominator() + " = " + figure.value();
    }

    /** A progress line with rate and ETA on a terminal; nothing otherwise. */
    private static ReplayProgress progress(final PrintWriter err) {
        if (System.console() == null) {
            return ReplayProgress.NONE;
        }
        final long started = System.nanoTime();
        return (stage, done, total) -> {
            err.print("\r" + stage.name().toLowerCase(java.util.Locale.ROOT) + " "
                    + ProgressBar.render(done, done, total, Duration.ofNanos(System.nanoTime() - started)));
            err.flush();
        };
    }
}
