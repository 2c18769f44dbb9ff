package org.edupulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 7: the size of the product jar, issue #19's {@code edupulse.jar ≤ 60 MB}, read from the
 * jar the start-up scenario runs. MB here is 1,000,000 bytes, as README quotes the jar's size. The
 * embedded broker's {@code edupulse-platform.jar} beside it (named in the product jar's
 * {@code Class-Path}, loaded only where a broker is embedded) is shown in the note, not counted: the
 * issue's row is the jar that {@code pipeline} and {@code gateway} carry.
 */
final class JarScenario {

    static final String SCENARIO = "7 jar";
    static final String METRIC = "edupulse.jar MB";
    static final String TARGET = "<= 60 MB";
    static final double MAX_MB = 60;
    static final double BYTES_PER_MB = 1_000_000;
    static final String PLATFORM_JAR = "edupulse-platform.jar";

    private JarScenario() {
    }

    /** The row for the product jar at {@code jar}; not measured, with the reason, when there is no file there. */
    static Result measure(final Path jar) {
        if (!Files.isRegularFile(jar)) {
            return Result.notMeasured(SCENARIO, METRIC, TARGET, "no product jar at " + jar
                    + " (build it with mvn package -pl app -am, or pass --app-jar)");
        }
        final long bytes = size(jar);
        final double mb = bytes / BYTES_PER_MB;
        final Path platform = jar.resolveSibling(PLATFORM_JAR);
        final String beside = Files.isRegularFile(platform)
                ? String.format(Locale.ROOT, "; %s beside it (the embedded broker, only demo starts it): %.1f MB, not counted",
                        PLATFORM_JAR, size(platform) / BYTES_PER_MB)
                : "";
        return Result.alone(SCENARIO, METRIC, List.of(mb), TARGET, mb <= MAX_MB, String.format(Locale.ROOT,
                "%s: %,d bytes, MB = 1,000,000 bytes%s", jar, bytes, beside));
    }

    private static long size(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read the size of " + file, e);
        }
    }
}
