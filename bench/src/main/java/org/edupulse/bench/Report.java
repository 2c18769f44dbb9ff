package org.edupulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's output: one plain-text table for the terminal and the same rows as JSON for
 * tools and for BENCHMARKS.md. Both are rendered from the same {@link Result}s.
 */
public final class Report {

    static final String[] HEADER = {"scenario", "metric", "ours", "reference", "ratio", "target", "met"};

    private final Instant startedAt;
    private final Machine before;
    private final Machine after;
    private final Map<String, Object> settings;
    private final List<Result> results;

    public Report(final Instant startedAt, final Machine before, final Machine after, final Map<String, Object> settings,
                  final List<Result> results) {
        this.startedAt = startedAt;
        this.before = before;
        this.after = after;
        this.settings = new LinkedHashMap<>(settings);
        this.results = List.copyOf(results);
    }

    public List<Result> results() {
        return results;
    }

    /** The table, one row per result, columns aligned, then one note line per result. */
    public String table() {
        final List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (final Result r : results) {
            rows.add(new String[] {r.scenario(), r.metric(), r.measured() ? number(r.ours()) : "-",
                r.reference() == null ? "-" : number(r.reference()),
                r.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()),
                r.target() == null ? "-" : r.target(),
                r.met() == null ? "-" : r.met() ? "yes" : "NO"});
        }
        final int[] widths = new int[HEADER.length];
        for (final String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            final String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                final boolean numeric = i >= 2 && i <= 4 && r > 0;
                final String cell = numeric ? pad(row[i], widths[i], true) : pad(row[i], widths[i], false);
                out.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(System.lineSeparator());
            if (r == 0) {
                int total = 0;
                for (final int w : widths) {
                    total += w;
                }
                out.append("-".repeat(total + 2 * (widths.length - 1))).append(System.lineSeparator());
            }
        }
        out.append(System.lineSeparator());
        for (final Result r : results) {
            if (!r.note().isEmpty()) {
                out.append(r.scenario()).append(" / ").append(r.metric()).append(": ").append(r.note())
                        .append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** The JSON document: when, where, with which settings, and every row with its samples. */
    public String json() {
        final Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("startedAt", startedAt.toString());
        doc.put("machine", machine(before));
        doc.put("loadAverageAfter", after.loadAverage());
        doc.put("settings", settings);
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (final Result r : results) {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("scenario", r.scenario());
            row.put("metric", r.metric());
            row.put("ours", r.measured() ? r.ours() : null);
            row.put("reference", r.reference());
            row.put("ratio", r.ratio());
            row.put("target", r.target());
            row.put("met", r.met());
            row.put("oursSamples", r.oursSamples());
            row.put("referenceSamples", r.referenceSamples());
            row.put("note", r.note());
            rows.add(row);
        }
        doc.put("results", rows);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (final IOException e) {
            throw new IllegalStateException("Could not render the report as JSON", e);
        }
    }

    /** Writes {@code bench-<timestamp>.json} and {@code latest.json} into {@code dir}; returns the first. */
    public Path write(final Path dir) throws IOException {
        Files.createDirectories(dir);
        final String json = json();
        final Path file = dir.resolve("bench-" + startedAt.toString().replace(':', '-') + ".json");
        Files.writeString(file, json);
        Files.writeString(dir.resolve("latest.json"), json);
        return file;
    }

    private static Map<String, Object> machine(final Machine m) {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", m.cores());
        map.put("memoryGiB", m.memoryGiB());
        map.put("jdk", m.jdk());
        map.put("os", m.os());
        map.put("loadAverageBefore", m.loadAverage());
        return map;
    }

    /** Three significant figures or more, with thousands separators for large numbers. */
    static String number(final double value) {
        final double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String pad(final String s, final int width, final boolean right) {
        final String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }
}
