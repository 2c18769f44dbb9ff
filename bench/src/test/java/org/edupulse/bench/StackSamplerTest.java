package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StackSamplerTest {

    private static volatile long sink;

    /** Busy work that stays on the stack. */
    private static void spin(final AtomicBoolean running) {
        while (running.get()) {
            sink += System.nanoTime() % 7;
        }
    }

    /** Work of a thread the sampler must leave out. */
    private static void idle(final AtomicBoolean running) {
        while (running.get()) {
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldAttributeSamplesToTheMethodsOfTheNamedThreadsOnly() throws Exception {
        // Given a busy thread named like a stream thread, and another busy one that is not
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread busy = new Thread(() -> spin(running), "app-StreamThread-1");
        final Thread other = new Thread(() -> idle(running), "unrelated");
        busy.start();
        other.start();
        try (StackSampler sampler = StackSampler.start("StreamThread", Duration.ofMillis(1))) {
            // When it has sampled a while
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samples() >= 50);
            final String report = sampler.report(20);

            // Then the busy thread's method leads, and nothing of the other thread is counted
            assertThat(report).contains("StackSamplerTest.spin").contains("threads named *StreamThread*")
                    .doesNotContain("StackSamplerTest.idle");
            // and EduPulse's own methods are listed apart, so Kafka's frames cannot crowd them out
            assertThat(report).containsPattern("(?m)^  edupulse .*org\\.edupulse\\.bench\\.StackSamplerTest\\.spin$");
        } finally {
            running.set(false);
            busy.join();
            other.join();
        }
    }
}
