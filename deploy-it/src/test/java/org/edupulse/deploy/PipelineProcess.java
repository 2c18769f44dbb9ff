package org.edupulse.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.edupulse.platform.TestProcessJvm;

/**
 * One {@code edupulse pipeline} in a process of its own, started from the test's class path, so
 * that it can be killed the way a machine dies: SIGKILL, no shutdown hook, no Streams close.
 */
final class PipelineProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> command;
    private final String applicationId;
    private final Path log;
    private final int httpPort;
    private Process process;

    /**
     * The heap of one pipeline process. 384 MB ran out (OutOfMemoryError in the query server's readers) once
     * catalog 1.3.0 made every calendar-period record about three times larger: the server keeps every
     * unit's periods in memory to answer series. 1 GB, against a default of a quarter of RAM.
     */
    private static final String HEAP = "1g";

    /**
     * The group's session, {@code session.timeout.ms} as an operator sets it: a process these tests kill and
     * start again finds its old member in the group and waits for it to expire (Kafka's 45 s) before it reads
     * anything, and its tasks stay unassigned as long. What the tests check (exact figures through the kill)
     * does not depend on how long that is; their time does.
     */
    private static final String SESSION_TIMEOUT_MS = "10000";

    PipelineProcess(final String bootstrapServers, final String registryUrl, final String applicationId,
                    final int httpPort, final Path stateDir, final Path log) {
        this.applicationId = applicationId;
        this.httpPort = httpPort;
        this.log = log;
        // The serial collector and C1 only, as every process a test starts (TestProcessJvm)
        this.command = new ArrayList<>(TestProcessJvm.command(HEAP));
        this.command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.edupulse.app.EduPulse", "pipeline",
                "--bootstrap-servers", bootstrapServers, "--schema-registry-url", registryUrl,
                "--http-port", Integer.toString(httpPort), "--state-dir", stateDir.toString(), "--without-gateway"));
    }

    PipelineProcess start() throws IOException {
        return start(List.of());
    }

    /** Starts the process with {@code options} after those it was made with, e.g. {@code --in-memory-state}. */
    PipelineProcess start(final List<String> options) throws IOException {
        final List<String> line = new ArrayList<>(command);
        line.addAll(options);
        final ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("EDUPULSE_APPLICATION_ID", applicationId);
        builder.environment().put("EDUPULSE_SESSION_TIMEOUT_MS", SESSION_TIMEOUT_MS);
        process = builder.start();
        return this;
    }

    /**
     * The line {@code pipeline} printed each time it started, in order, from this process's log (which
     * holds every start since the log was created).
     */
    List<String> startedLines() throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                .filter(text -> text.startsWith("EduPulse pipeline started:")).toList();
    }

    /** Waits until this instance answers ready (its Streams client running). */
    void awaitReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> get("/health/ready") == 200);
    }

    /** A port free on this machine right now, for an instance's {@code --http-port}. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The HTTP status of a GET on this instance, or -1 when it does not answer. */
    int get(final String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (final IOException e) {
            return -1;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A graceful stop (SIGTERM runs the shutdown hook, which closes Streams). */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
