package org.edupulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edupulse.audit.Contribution;
import org.edupulse.audit.Lineage;
import org.edupulse.audit.LineageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse lineage}: the source events behind one published value — topic, partition,
 * offset, event id, school and what each contributed — with totals that add up to it.
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "List the source events that make up an indicator's numerator and denominator as of an instant.")
public final class LineageCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--unit", required = true, paramLabel = "ID",
            description = "A school, commune, district or province id, e.g. DB-MA-SCH-001, DB-MA-X01, DB-MA or DB.")
    String unit;

    @Option(names = "--indicator", required = true, paramLabel = "ID", description = "Indicator id, e.g. staff.it_certified.share.")
    String indicator;

    @Option(names = "--as-of", required = true, paramLabel = "INSTANT",
            description = "An instant (2025-06-30T17:00:00Z) or a date (end of that day in Asia/Ho_Chi_Minh).")
    Instant asOf;

    @Option(names = "--json", description = "Print the whole answer as JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final EduPulseConfig config = connection.load(Map.of());
        final LineageResult result;
        try {
            result = new Lineage(config.bootstrapServersOrLocal(), config.schemaRegistryUrlOrLocal())
                    .withClientSettings(config.clientOverrides()).trace(unit, indicator, asOf);
        } catch (final IllegalArgumentException e) {
            spec.commandLine().getErr().println("edupulse lineage: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        final PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(LineageJson.of(result)));
        } else {
            out.printf("%s %s as of %s (%s): numerator %s, denominator %s, value %s; published %s%n", result.unitId(),
                    result.indicatorId(), result.asOf(), result.axis().cliName(), result.numerator(),
                    result.denominator(), result.value() == null ? "no data" : result.value(),
                    result.matchesPublished() ? "the same" : result.published());
            print(out, "numerator", result.numeratorEvents());
            print(out, "denominator", result.denominatorEvents());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(final PrintWriter out, final String part, final List<Contribution> events) {
        if (events.isEmpty()) {
            return;
        }
        out.printf("%n%s: %d events%n%-32s %4s %8s  %-22s %-16s %-18s %s%n", part, events.size(), "TOPIC", "PART",
                "OFFSET", "EVENT ID", "SCHOOL", "ENTITY", "CONTRIBUTED");
        for (final Contribution c : events) {
            out.printf("%-32s %4d %8d  %-22s %-16s %-18s %s (%d)%n", c.topic(), c.partition(), c.offset(), c.eventId(),
                    c.schoolId(), c.entityId(), c.contributed(), c.amount());
        }
    }
}
