package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edupulse.platform.TestProcessJvm;

/**
 * {@code edupulse demo} in a process of its own, so that a test can stop it as Ctrl-C does (SIGTERM runs the
 * same shutdown) or kill it with SIGKILL, run from the shipped jar ({@code target/edupulse.jar}, built in the
 * package phase before the integration tests) so that its filtered contents (native libraries of the supported
 * platforms, one file of the chart library) are what runs.
 */
final class DemoProcess implements AutoCloseable {

    static final Path SHIPPED_JAR = Path.of("target", "edupulse.jar");
    private static final Pattern KEY_FILE = Pattern.compile("gateway keys for demo schools in (\\S+)");

    private final List<String> command = new ArrayList<>();
    private final Path log;
    private Process process;

    /** @param arguments the demo's options; its output goes to {@code log} */
    DemoProcess(final List<String> arguments, final Path log) {
        this(List.of(), arguments, log);
    }

    /** @param javaOptions options of its JVM besides the test's (e.g. {@code -Djava.io.tmpdir=...}) */
    DemoProcess(final List<String> javaOptions, final List<String> arguments, final Path log) {
        this.log = log;
        command.addAll(TestProcessJvm.command("512m"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", SHIPPED_JAR.toString(), "demo"));
        command.addAll(arguments);
    }

    DemoProcess start() throws IOException {
        assertThat(SHIPPED_JAR).as("the shaded jar, built by mvn package before the integration tests").isRegularFile();
        Files.deleteIfExists(log);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        return this;
    }

    /**
     * Waits for the ready line; a restart after SIGKILL first waits for the killed consumer's session (the
     * demo's 10 s) to expire.
     */
    Matcher awaitReady(final Pattern ready) throws IOException {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> ready.matcher(output()).find() || !process.isAlive());
        final Matcher line = ready.matcher(output());
        assertThat(line.find()).as("ready line in %s: %s", log, output()).isTrue();
        return line;
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The file the demo named for its gateway keys once ready (read with {@code DemoKeys.read}). */
    Path keyFile() throws IOException {
        final Matcher file = KEY_FILE.matcher(output());
        assertThat(file.find()).as("key file line in %s", log).isTrue();
        return Path.of(file.group(1));
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ctrl-C's stop (SIGTERM runs the shutdown hook); true when the process ended within a minute. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    /** A graceful stop, then SIGKILL if it did not end within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive() && !stop()) {
            process.destroyForcibly().waitFor();
        }
    }
}
