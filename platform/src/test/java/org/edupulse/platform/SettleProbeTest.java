package org.edupulse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ids a restarted embedded broker asks its coordinators for: one on each partition of their logs. */
class SettleProbeTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 50})
    void shouldNameOneIdOnEachPartitionOfACoordinatorsLog(final int partitions) {
        final List<String> probes = EmbeddedKafka.probeIds(partitions);

        // Kafka puts a transactional id or a group id on the partition its hash code picks
        assertThat(probes.stream().map(id -> Utils.abs(id.hashCode()) % partitions).distinct().sorted().toList())
                .hasSize(partitions).first().isEqualTo(0);
        assertThat(probes).hasSize(partitions).allMatch(id -> id.startsWith("edupulse-settle-probe-"));
    }

    @Test
    void shouldNameNoIdForALogThatDoesNotExistYet() {
        assertThat(EmbeddedKafka.probeIds(0)).isEmpty();
    }
}
