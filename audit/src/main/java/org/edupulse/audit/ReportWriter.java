package org.edupulse.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a replay's report as {@code report.json}, {@code report.csv} and a self-contained
 * {@code report.html} (inline CSS, no external assets) an auditor can open offline. The output is
 * a function of the result alone: everything sorted, no wall-clock time, one number format, LF line
 * ends, UTF-8, so the same inputs give byte-identical files.
 */
public final class ReportWriter {

    public static final String JSON = "report.json";
    public static final String CSV = "report.csv";
    public static final String HTML = "report.html";

    private ReportWriter() {
    }

    /** Writes the three reports into {@code outDir} (created if needed) and returns their paths. */
    public static List<Path> write(final ReplayResult result, final Path outDir) {
        try {
            Files.createDirectories(outDir);
            final Path json = outDir.resolve(JSON);
            final Path csv = outDir.resolve(CSV);
            final Path html = outDir.resolve(HTML);
            Files.writeString(json, JsonReport.render(result), StandardCharsets.UTF_8);
            Files.writeString(csv, CsvReport.render(result), StandardCharsets.UTF_8);
            Files.writeString(html, HtmlReport.render(result), StandardCharsets.UTF_8);
            return List.of(json, csv, html);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not write the replay report to " + outDir, e);
        }
    }
}
