package org.edupulse.audit;

import java.util.TreeSet;

/**
 * The page an auditor opens: the verdict first, then the differences, the offsets read and every
 * value. Self-contained (inline CSS, no script, no external asset) so it can be archived and
 * opened offline as it is.
 */
final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1a1a1a}
            h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
            table{border-collapse:collapse;font-size:.85rem}
            th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            tr.differs td{background:#fde8e8}
            .verdict{display:inline-block;padding:.3rem .7rem;border-radius:.3rem;font-weight:600}
            .agrees{background:#e3f6e5;color:#135c1d}.differs{background:#fde8e8;color:#8a1111}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}
            """;

    private HtmlReport() {
    }

    static String render(final ReplayResult result) {
        final StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>EduPulse replay as of ").append(escape(result.asOf().toString())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>EduPulse replay as of ").append(escape(result.asOf().toString())).append("</h1>\n");
        out.append("<p><span class=\"verdict ").append(result.agrees() ? "agrees\">Agrees" : "differs\">Differs")
                .append("</span> ").append(result.differences().size()).append(" difference(s); exit code ")
                .append(result.exitCode()).append("</p>\n");
        out.append("<dl>\n");
        term(out, "Instant", result.asOf().toString());
        term(out, "Axis", result.axis().cliName());
        term(out, "Catalog version", result.catalogVersion());
        term(out, "Units", result.unitIds().isEmpty() ? "all units"
                : String.join(", ", new TreeSet<>(result.unitIds())));
        term(out, "Records replayed", Long.toString(result.eventsReplayed()));
        out.append("</dl>\n");

        out.append("<h2>Differences</h2>\n");
        if (result.differences().isEmpty()) {
            out.append("<p>None: every recomputed figure equals the published one.</p>\n");
        } else {
            out.append("<table>\n<tr><th>Unit</th><th>Indicator</th><th>What differs</th>")
                    .append(figureHeads("Recomputed")).append(figureHeads("Published")).append("</tr>\n");
            for (final Difference d : result.differences()) {
                out.append("<tr class=\"differs\"><td>").append(escape(d.unitId())).append("</td><td>")
                        .append(escape(d.indicatorId())).append("</td><td>").append(escape(d.reason())).append("</td>");
                figureCells(out, d.recomputed());
                figureCells(out, d.published());
                out.append("</tr>\n");
            }
            out.append("</table>\n");
        }

        out.append("<h2>Offsets read</h2>\n<table>\n<tr><th>Topic</th><th>Partition</th><th>From</th><th>To (exclusive)</th>")
                .append("<th>Records</th></tr>\n");
        for (final PartitionOffsets o : result.sourceOffsets()) {
            offsetRow(out, o);
        }
        for (final PartitionOffsets o : result.publishedOffsets()) {
            offsetRow(out, o);
        }
        out.append("</table>\n");

        out.append("<h2>Values</h2>\n<table>\n<tr><th>Unit</th><th>Name</th><th>Level</th><th>Indicator</th>")
                .append(figureHeads("Recomputed")).append(figureHeads("Published")).append("<th>Status</th></tr>\n");
        for (final ReportRows.Row row : ReportRows.of(result)) {
            out.append(row.difference() == null ? "<tr>" : "<tr class=\"differs\">")
                    .append("<td>").append(escape(row.unitId())).append("</td><td>").append(escape(row.unitName()))
                    .append("</td><td>").append(row.level().name()).append("</td><td>").append(escape(row.indicatorId()))
                    .append("</td>");
            figureCells(out, row.recomputed());
            figureCells(out, row.published());
            out.append("<td>").append(row.difference() == null ? "agrees" : escape("differs: " + row.difference()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void term(final StringBuilder out, final String name, final String value) {
        out.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    private static String figureHeads(final String side) {
        return "<th>" + side + " numerator</th><th>" + side + " denominator</th><th>" + side + " value</th>";
    }

    private static void figureCells(final StringBuilder out, final Figure figure) {
        if (figure == null) {
            out.append("<td></td><td></td><td>&mdash;</td>");
            return;
        }
        out.append("<td class=\"n\">").append(Numbers.format(figure.numerator())).append("</td><td class=\"n\">")
                .append(Numbers.format(figure.denominator())).append("</td><td class=\"n\">")
                .append(figure.value() == null ? "no data" : Numbers.format(figure.value())).append("</td>");
    }

    private static void offsetRow(final StringBuilder out, final PartitionOffsets o) {
        out.append("<tr><td>").append(escape(o.topic())).append("</td><td class=\"n\">").append(o.partition())
                .append("</td><td class=\"n\">").append(o.fromOffset()).append("</td><td class=\"n\">")
                .append(o.toOffset()).append("</td><td class=\"n\">").append(o.records()).append("</td></tr>\n");
    }

    static String escape(final String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
