package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** Which stream-thread deaths replace the thread and which end the client, and that replacements are bounded. */
class StreamThreadFailuresTest {

    private final AtomicLong now = new AtomicLong();
    private final StreamThreadFailures failures = new StreamThreadFailures(3, Duration.ofMinutes(10), now::get);

    @Test
    void shouldReplaceTheThreadOnATransientError() {
        // When
        final StreamThreadExceptionResponse response = failures.handle(
                new StreamsException(new TimeoutException("broker did not answer")));

        // Then
        assertThat(response).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void shouldShutTheClientDownOnAFatalErrorAnywhereInTheCauseChain() {
        // When
        final StreamThreadExceptionResponse missingTopic = failures.handle(
                new MissingSourceTopicException("edupulse.schools is missing"));
        final StreamThreadExceptionResponse acl = failures.handle(
                new StreamsException(new StreamsException(new TopicAuthorizationException("denied"))));
        final StreamThreadExceptionResponse memory = failures.handle(new StreamsException(new OutOfMemoryError()));

        // Then
        assertThat(missingTopic).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(acl).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(memory).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldShutTheClientDownWhenThreadsKeepDyingWithinTheWindow() {
        // Given three replacements within ten minutes (a poison record kills each new thread)
        for (int death = 0; death < 3; death++) {
            assertThat(failures.handle(new StreamsException("poison"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            now.addAndGet(Duration.ofMinutes(1).toNanos());
        }

        // When the fourth death comes within the same ten minutes
        final StreamThreadExceptionResponse fourth = failures.handle(new StreamsException("poison"));

        // Then the client ends instead of looping
        assertThat(fourth).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldReplaceAgainOnceEarlierDeathsLeftTheWindow() {
        // Given three replacements, the last one eleven minutes ago
        for (int death = 0; death < 3; death++) {
            failures.handle(new StreamsException("transient"));
        }
        now.addAndGet(Duration.ofMinutes(11).toNanos());

        // When
        final StreamThreadExceptionResponse later = failures.handle(new StreamsException("transient"));

        // Then
        assertThat(later).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
