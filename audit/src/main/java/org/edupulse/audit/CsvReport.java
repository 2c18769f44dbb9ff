package org.edupulse.audit;

import java.util.TreeSet;
import org.edupulse.ingest.FormulaNeutraliser;

/**
 * The spreadsheet report: {@code #} comment lines with the instant, axis, catalog version, the units
 * asked for and the offsets read, then one RFC 4180 row per unit and indicator with recomputed and
 * published parts.
 * Text cells that would start a spreadsheet formula get a leading single quote; figures stay numbers.
 */
final class CsvReport {

    static final String HEADER = "unit_id,unit_name,level,indicator_id,recomputed_numerator,recomputed_denominator,"
            + "recomputed_value,published_numerator,published_denominator,published_value,status";

    private CsvReport() {
    }

    static String render(final ReplayResult result) {
        final StringBuilder out = new StringBuilder();
        out.append("# as_of: ").append(result.asOf()).append('\n');
        out.append("# axis: ").append(result.axis().cliName()).append('\n');
        out.append("# catalog_version: ").append(result.catalogVersion()).append('\n');
        out.append("# units: ").append(result.unitIds().isEmpty() ? "all"
                : cell(String.join(" ", new TreeSet<>(result.unitIds())))).append('\n');
        out.append("# verdict: ").append(result.agrees() ? "agrees" : "differs")
                .append(" (").append(result.differences().size()).append(" differences)\n");
        out.append("# events_replayed: ").append(result.eventsReplayed()).append('\n');
        for (final PartitionOffsets o : result.sourceOffsets()) {
            out.append("# source_offsets: ").append(o.topic()).append('-').append(o.partition()).append(" [")
                    .append(o.fromOffset()).append(", ").append(o.toOffset()).append(") records=").append(o.records())
                    .append('\n');
        }
        for (final PartitionOffsets o : result.publishedOffsets()) {
            out.append("# published_offsets: ").append(o.topic()).append('-').append(o.partition()).append(" [")
                    .append(o.fromOffset()).append(", ").append(o.toOffset()).append(") records=").append(o.records())
                    .append('\n');
        }
        out.append(HEADER).append('\n');
        for (final ReportRows.Row row : ReportRows.of(result)) {
            out.append(cell(row.unitId())).append(',').append(cell(row.unitName())).append(',')
                    .append(row.level().name()).append(',').append(cell(row.indicatorId())).append(',');
            figure(out, row.recomputed());
            figure(out, row.published());
            out.append(row.difference() == null ? "agrees" : cell("differs: " + row.difference())).append('\n');
        }
        return out.toString();
    }

    private static void figure(final StringBuilder out, final Figure figure) {
        if (figure == null) {
            out.append(",,,");
            return;
        }
        out.append(Numbers.format(figure.numerator())).append(',').append(Numbers.format(figure.denominator()))
                .append(',').append(Numbers.format(figure.value())).append(',');
    }

    /**
     * A text field: neutralised when a spreadsheet would take it for a formula (names are data from
     * schools), then quoted when it holds a comma, a quote or a line break. Figures do not pass here.
     */
    static String cell(final String value) {
        return FormulaNeutraliser.csvCell(value);
    }
}
