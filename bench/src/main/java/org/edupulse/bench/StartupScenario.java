package org.edupulse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 6: {@code edupulse demo} as a user starts it, in a child JVM: time from process start
 * until it prints {@code EduPulse ready} (embedded broker, registry, topics, Streams, HTTP API, the
 * small profile's history published and, since session 10, all of it reflected in what the API serves:
 * see BENCHMARKS.md), and its resident memory at that moment from /proc (VmRSS, and VmHWM, the peak).
 */
final class StartupScenario {

    static final String SCENARIO = "6 start-up";
    static final String READY = "EduPulse ready";

    private final BenchSettings settings;
    private final PrintWriter log;

    StartupScenario(final BenchSettings settings, final PrintWriter log) {
        this.settings = settings;
        this.log = log;
    }

    /** What one start showed. */
    record Start(double seconds, double rssMiB, double peakMiB) {
    }

    List<Result> run() {
        final Path jar = locate(settings.appJar());
        if (!Files.isRegularFile(jar)) {
            return List.of(Result.notMeasured(SCENARIO, "s to ready", null, "no product jar at " + jar
                    + " (build it with mvn package, or pass --app-jar)"));
        }
        final List<Double> seconds = new ArrayList<>();
        final List<Double> rss = new ArrayList<>();
        final List<Double> peak = new ArrayList<>();
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            final Start start = startOnce(jar);
            seconds.add(start.seconds());
            rss.add(start.rssMiB());
            peak.add(start.peakMiB());
            log.printf(Locale.ROOT, "  start-up %d/%d: ready in %.1f s, VmRSS %.0f MiB, VmHWM %.0f MiB%n", rep,
                    settings.repetitions(), start.seconds(), start.rssMiB(), start.peakMiB());
            log.flush();
        }
        final String how = "java -jar " + settings.appJar() + " demo --profile small --rate 0 --for 5s, ports 0;"
                + " default JVM heap (1/4 of RAM); no reference: the issue sets no target";
        return List.of(Result.alone(SCENARIO, "s to ready", seconds, null, null, how),
                Result.alone(SCENARIO, "VmRSS MiB at ready", rss, null, null, ""),
                Result.alone(SCENARIO, "VmHWM MiB at ready", peak, null, null, ""));
    }

    /**
     * The product jar: the given path if it exists; otherwise, for a relative path, the same path
     * under the checkout this bench jar was built in ({@code <root>/bench/target/edupulse-bench.jar}),
     * so {@code ./edupulse bench} works from any directory.
     */
    static Path locate(final Path appJar) {
        if (Files.isRegularFile(appJar) || appJar.isAbsolute()) {
            return appJar.toAbsolutePath();
        }
        try {
            final Path self = Path.of(StartupScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            final Path root = self.getParent() == null || self.getParent().getParent() == null ? null
                    : self.getParent().getParent().getParent();
            if (root != null && Files.isRegularFile(root.resolve(appJar))) {
                return root.resolve(appJar);
            }
        } catch (final java.net.URISyntaxException | RuntimeException e) {
            // fall through to the path as given
        }
        return appJar.toAbsolutePath();
    }

    private static Start startOnce(final Path jar) {
        final String java = ProcessHandle.current().info().command().orElse("java");
        final ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "demo", "--profile", "small",
                "--rate", "0", "--for", "5s", "--kafka-port", "0", "--registry-port", "0", "--http-port", "0")
                .redirectErrorStream(true);
        final long begin = System.nanoTime();
        Process process = null;
        try {
            process = builder.start();
            final List<String> seen = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.contains(READY)) {
                        final double seconds = (System.nanoTime() - begin) / 1e9;
                        final Start start = new Start(seconds, statusMiB(process.pid(), "VmRSS:"),
                                statusMiB(process.pid(), "VmHWM:"));
                        drain(out);
                        if (!process.waitFor(60, TimeUnit.SECONDS)) {
                            process.destroy();
                        }
                        return start;
                    }
                    if (seen.size() < 50) {
                        seen.add(line);
                    }
                }
            }
            throw new IllegalStateException("demo exited with " + process.waitFor() + " before '" + READY + "': "
                    + String.join("\n", seen));
        } catch (final IOException e) {
            throw new IllegalStateException("Could not run " + builder.command(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** Reads the child's remaining output so it never blocks on a full pipe. */
    private static void drain(final BufferedReader out) {
        final Thread drainer = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (final IOException e) {
                // the process ended
            }
        }, "bench-demo-output");
        drainer.setDaemon(true);
        drainer.start();
        try {
            drainer.join(70_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A /proc/<pid>/status field in MiB (the kernel reports kB). */
    static double statusMiB(final long pid, final String field) throws IOException {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("No " + field + " in /proc/" + pid + "/status");
    }
}
