package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.edupulse.serving.ServingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start-up that fails late leaves nothing running: the Streams client built before the failing
 * step is closed (its threads end and its state directory can be used again, as a supervisor
 * retrying in the same process needs), and so is everything else, the last started first, and the
 * step's own exception is what the caller gets. No broker is needed: nothing here gets as far as
 * connecting.
 */
class PipelineStartTest {

    private static final String APPLICATION_ID = "pipeline-start-failure-test";
    /** Nothing listens there: the clients are built, and never connect. */
    private static final String NO_BROKER = "127.0.0.1:1";
    private static final String REGISTRY = "mock://pipeline-start-failure-test";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path stateDir;

    @Test
    void shouldCloseWhatItStartedAndRethrowWhenALateStepFails() throws IOException {
        // Given: a pipeline with its gateway, whose last step before the Streams client starts fails
        final EduPulseConfig config = EduPulseConfig.load(null, Map.of(), Map.of(
                EduPulseConfig.APPLICATION_ID, APPLICATION_ID));
        final int port = freePort();
        final IllegalStateException late = new IllegalStateException("a late start-up step failed");

        // When
        final Throwable thrown = catchThrowable(() -> Pipeline.start(NO_BROKER, REGISTRY, config,
                ServingConfig.defaults(NO_BROKER, REGISTRY).withPort(port), stateDir, true, server -> {
                    throw late;
                }));

        // Then: the caller gets that step's exception
        assertThat(thrown).isSameAs(late);
        // and the Streams client built before it is closed: none of its clients' threads remain
        await().atMost(WAIT).untilAsserted(() -> assertThat(liveThreadsNaming(APPLICATION_ID)).isEmpty());
        // and its state directory is free for the next start in this process
        try (IndicatorsApp again = new IndicatorsApp(NO_BROKER, REGISTRY, APPLICATION_ID, stateDir)) {
            assertThat(again.streams()).isNotNull();
        }
        // and the HTTP port is free again
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    private static List<String> liveThreadsNaming(final String text) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains(text))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
