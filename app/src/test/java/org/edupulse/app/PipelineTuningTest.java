package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

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
    void shouldReadEveryInputOfTheIndicatorsApplication() {
        // The ready check waits for the topics the topology reads: the school reference records and the raw events
        assertThat(HistoryReflected.INPUTS).extracting(Topic::name).containsExactly(
                "edupulse.school.reference", "edupulse.training.events", "edupulse.certification.events",
                "edupulse.device.events", "edupulse.staff.events");
    }
}
