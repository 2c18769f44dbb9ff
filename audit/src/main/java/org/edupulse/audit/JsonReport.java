package org.edupulse.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;

/** The machine-readable report: metadata, offsets read, every row and every difference. */
final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);

    private JsonReport() {
    }

    static String render(final ReplayResult result) {
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("asOf", result.asOf().toString());
        root.put("axis", result.axis().cliName());
        root.put("catalogVersion", result.catalogVersion());
        root.put("agrees", result.agrees());
        root.put("exitCode", result.exitCode());
        // the units asked for, at any level; empty: every unit
        final ArrayNode units = root.putArray("units");
        new TreeSet<>(result.unitIds()).forEach(units::add);
        root.put("eventsReplayed", result.eventsReplayed());
        offsets(root.putArray("sourceOffsets"), result.sourceOffsets());
        offsets(root.putArray("publishedOffsets"), result.publishedOffsets());
        final ArrayNode differences = root.putArray("differences");
        for (final Difference d : result.differences()) {
            final ObjectNode node = differences.addObject();
            node.put("unitId", d.unitId());
            node.put("indicatorId", d.indicatorId());
            node.put("reason", d.reason());
            figure(node, "recomputed", d.recomputed());
            figure(node, "published", d.published());
        }
        final ArrayNode values = root.putArray("values");
        for (final ReportRows.Row row : ReportRows.of(result)) {
            final ObjectNode node = values.addObject();
            node.put("unitId", row.unitId());
            node.put("unitName", row.unitName());
            node.put("level", row.level().name());
            node.put("indicatorId", row.indicatorId());
            figure(node, "recomputed", row.recomputed());
            figure(node, "published", row.published());
            node.put("agrees", row.difference() == null);
        }
        try {
            final DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            return MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void offsets(final ArrayNode array, final List<PartitionOffsets> offsets) {
        for (final PartitionOffsets o : offsets) {
            final ObjectNode node = array.addObject();
            node.put("topic", o.topic());
            node.put("partition", o.partition());
            node.put("fromOffset", o.fromOffset());
            node.put("toOffset", o.toOffset());
            node.put("records", o.records());
        }
    }

    private static void figure(final ObjectNode parent, final String name, final Figure figure) {
        if (figure == null) {
            parent.putNull(name);
            return;
        }
        final ObjectNode node = parent.putObject(name);
        node.put("numerator", Numbers.decimal(figure.numerator()));
        if (figure.denominator() == null) {
            node.putNull("denominator");
        } else {
            node.put("denominator", Numbers.decimal(figure.denominator()));
        }
        if (figure.value() == null) {
            // a ratio over 0: no value, never 0
            node.putNull("value");
        } else {
            node.put("value", Numbers.decimal(figure.value()));
        }
    }
}
