package org.edupulse.ingest;

import java.time.Duration;
import java.util.Locale;

/**
 * Renders one line of import progress, e.g.
 * {@code [###############---------------]  50.0%  150,000 lines  30,000 lines/s  ETA 00:05},
 * from the numbers a {@link ProgressListener} receives and the time elapsed. A pure function, so
 * the CLI only has to print it (with a carriage return) and tests need no terminal.
 * The ETA extrapolates the byte rate, because bytes, unlike lines, have a known total.
 */
public final class ProgressBar {

    /** Width of the bar between the brackets, by default. */
    public static final int DEFAULT_WIDTH = 30;

    private ProgressBar() {
    }

    public static String render(final long linesRead, final long bytesRead, final long totalBytes, final Duration elapsed) {
        return render(linesRead, bytesRead, totalBytes, elapsed, DEFAULT_WIDTH);
    }

    public static String render(final long linesRead, final long bytesRead, final long totalBytes,
                                final Duration elapsed, final int width) {
        final double fraction = totalBytes <= 0 ? 1.0 : Math.min(1.0, Math.max(0.0, (double) bytesRead / totalBytes));
        final int filled = (int) Math.floor(fraction * width);
        final double seconds = elapsed.toMillis() / 1000.0;
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %,d lines  %s lines/s  ETA %s",
                "#".repeat(filled), "-".repeat(width - filled), fraction * 100, linesRead,
                seconds > 0 ? String.format(Locale.ROOT, "%,d", Math.round(linesRead / seconds)) : "--",
                eta(bytesRead, totalBytes, seconds));
    }

    private static String eta(final long bytesRead, final long totalBytes, final double seconds) {
        if (bytesRead >= totalBytes) {
            return clock(0);
        }
        if (bytesRead <= 0 || seconds <= 0) {
            return "--:--";
        }
        final double bytesPerSecond = bytesRead / seconds;
        return clock(Math.round((totalBytes - bytesRead) / bytesPerSecond));
    }

    /** MM:SS below an hour, H:MM:SS above. */
    private static String clock(final long totalSeconds) {
        final long hours = totalSeconds / 3600;
        final long minutes = totalSeconds % 3600 / 60;
        final long secs = totalSeconds % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%02d:%02d", minutes, secs);
    }
}
