package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.edupulse.topics.Topic;
import org.junit.jupiter.api.Test;

class PipelineTuningTest {

    @Test
    void shouldKeepStateInMemoryOnlyForTheEmbeddedDemo() {
        // Given the tuning of the demo on its embedded broker, and the one of every other deployment
        final Pipeline.Tuning demo = Pipeline.Tuning.embeddedDemo();
        final Pipeline.Tuning none = Pipeline.Tuning.NONE;

        // Then only the demo keeps its key-value stores in memory
        assertThat(demo.inMemoryState()).isTrue();
        assertThat(none.inMemoryState()).isFalse();
    }

    @Test
    void shouldKeepAPipelinesStateInMemoryOnlyWhenAsked() {
        // Given pipeline --in-memory-state, and pipeline without it
        final Pipeline.Tuning inMemory = Pipeline.Tuning.pipeline(true);
        final Pipeline.Tuning rocksDb = Pipeline.Tuning.pipeline(false);

        // Then only the first keeps its stores in memory, and neither changes Kafka's defaults as the demo does
        assertThat(inMemory.inMemoryState()).isTrue();
        assertThat(rocksDb).isEqualTo(Pipeline.Tuning.NONE);
        assertThat(inMemory.streamsDefaults()).isEmpty();
    }

    @Test
    void shouldShortenTheSessionOnlyForTheEmbeddedDemoWhoseGroupIsItself() {
        // A demo killed and restarted on its data directory waits out its old member's session before it reads
        assertThat(Pipeline.Tuning.embeddedDemo().streamsDefaults())
                .containsExactlyEntriesOf(Map.of(EduPulseConfig.SESSION_TIMEOUT_MS, 10_000));
        // ... a pipeline among other instances keeps Kafka's 45 s unless its operator sets session.timeout.ms
        assertThat(Pipeline.Tuning.NONE.streamsDefaults()).isEmpty();
    }

    @Test
    void shouldReadEveryInputOfTheIndicatorsApplication() {
        // The ready check waits for the topics the topology reads: the school reference records and the raw events
        assertThat(HistoryReflected.INPUTS).extracting(Topic::name).containsExactly(
                "edupulse.school.reference", "edupulse.training.events", "edupulse.certification.events",
                "edupulse.device.events", "edupulse.staff.events");
    }
}
