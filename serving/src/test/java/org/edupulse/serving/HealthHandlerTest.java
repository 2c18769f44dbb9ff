package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.tail.TailHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which Streams states a supervisor sees as alive and as ready, and the JSON that names the state. */
class HealthHandlerTest {

    private static JsonNode json(final Reply reply) throws IOException {
        return new ObjectMapper().readTree(reply.body());
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"CREATED", "REBALANCING", "RUNNING"})
    void shouldBeLiveWhileStartingRebalancingOrRunning(final KafkaStreams.State state) throws IOException {
        // When
        final Reply live = HealthHandler.liveness(state);

        // Then
        assertThat(live.status()).isEqualTo(200);
        assertThat(json(live).get("status").asText()).isEqualTo("UP");
        assertThat(json(live).get("streams").asText()).isEqualTo(state.name());
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"PENDING_ERROR", "ERROR", "PENDING_SHUTDOWN", "NOT_RUNNING"})
    void shouldNotBeLiveOnceTheClientCanNeverRunAgain(final KafkaStreams.State state) throws IOException {
        // When
        final Reply live = HealthHandler.liveness(state);

        // Then
        assertThat(live.status()).isEqualTo(503);
        assertThat(json(live).get("status").asText()).isEqualTo("DOWN");
        assertThat(json(live).get("streams").asText()).isEqualTo(state.name());
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void shouldBeReadyOnlyWhileRunning(final KafkaStreams.State state) throws IOException {
        // When
        final Reply ready = HealthHandler.readiness(state);
        final Reply running = HealthHandler.readiness(KafkaStreams.State.RUNNING);

        // Then
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.headers()).containsEntry("Retry-After", Reply.RETRY_AFTER_SECONDS);
        assertThat(json(ready).get("streams").asText()).isEqualTo(state.name());
        assertThat(running.status()).isEqualTo(200);
        assertThat(json(running).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldBeLiveButNotReadyBeforeAClientIsAttached() throws IOException {
        // When
        final Reply live = HealthHandler.liveness(null);
        final Reply ready = HealthHandler.readiness(null);

        // Then
        assertThat(live.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(503);
        assertThat(json(ready).get("streams").asText()).isEqualTo("NOT_ATTACHED");
    }

    @Test
    void shouldNotBeReadyWhileARunningClientsReaderHasNotCaughtUp() throws IOException {
        // Given: the school versions are read, the periods not yet
        final TailHealth schools = new TailHealth("school-versions", "edupulse.school.reference", true,
                Instant.now(), false, null, 0, 0);
        final TailHealth periods = new TailHealth("indicator-periods", "edupulse.indicator.periods", false,
                null, true, null, 0, 0);

        // When
        final Reply waiting = HealthHandler.readiness(KafkaStreams.State.RUNNING, List.of(schools, periods));
        final Reply ready = HealthHandler.readiness(KafkaStreams.State.RUNNING, List.of(schools));

        // Then
        assertThat(waiting.status()).isEqualTo(503);
        assertThat(waiting.headers()).containsEntry("Retry-After", Reply.RETRY_AFTER_SECONDS);
        assertThat(json(waiting).at("/readers/indicator-periods/status").asText()).isEqualTo("DOWN");
        assertThat(json(waiting).at("/readers/indicator-periods/problem").asText())
                .contains("edupulse.indicator.periods");
        assertThat(json(waiting).at("/readers/school-versions/status").asText()).isEqualTo("UP");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(json(ready).at("/readers/school-versions/caughtUp").asBoolean()).isTrue();
    }
}
