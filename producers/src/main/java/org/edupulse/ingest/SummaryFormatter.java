package org.edupulse.ingest;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The plain-text line an operator reads after an import, and what CI logs keep: the counts, and
 * where the rejects are if there are any. A pure function, so its wording is tested, not eyeballed.
 */
public final class SummaryFormatter {

    private SummaryFormatter() {
    }

    /** E.g. {@code staff.csv: 10 read, 8 accepted, 1 rejected, 1 failed; see staff.csv.rejects.csv}. */
    public static String format(final Path file, final ImportSummary summary) {
        final String counts = String.format(Locale.ROOT, "%s: %,d read, %,d accepted, %,d rejected, %,d failed",
                file.getFileName(), summary.read(), summary.accepted(), summary.rejected(), summary.failed());
        return summary.rejectFile() == null
                ? counts + "; all rows accepted"
                : counts + "; see " + summary.rejectFile();
    }
}
