package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void shouldDefaultToLoopbackOn8081WithTheSchemasTopic() {
        // Given / When
        final RegistryConfig config = RegistryConfig.defaults("127.0.0.1:9092");

        // Then
        assertThat(config).isEqualTo(new RegistryConfig("127.0.0.1:9092", "127.0.0.1", 8081, "_schemas", (short) 1,
                CompatibilityLevel.BACKWARD, java.util.Map.of()));
    }

    @Test
    void shouldReplaceOneValueAtATime() {
        // Given
        final RegistryConfig defaults = RegistryConfig.defaults("broker:9092");

        // When
        final RegistryConfig changed = defaults.withPort(0).withHost("0.0.0.0").withTopic("_edupulse_schemas");

        // Then
        assertThat(changed.port()).isZero();
        assertThat(changed.host()).isEqualTo("0.0.0.0");
        assertThat(changed.topic()).isEqualTo("_edupulse_schemas");
        assertThat(changed.bootstrapServers()).isEqualTo("broker:9092");
    }

    @Test
    void shouldRefuseValuesOutOfRange() {
        // Given
        final RegistryConfig defaults = RegistryConfig.defaults("broker:9092");

        // When / Then
        assertThatThrownBy(() -> defaults.withPort(65_536)).hasMessageContaining("port");
        assertThatThrownBy(() -> defaults.withPort(-1)).hasMessageContaining("port");
        assertThatThrownBy(() -> defaults.withTopic("bad topic")).hasMessageContaining("topic");
        assertThatThrownBy(() -> defaults.withHost(" ")).hasMessageContaining("host");
        assertThatThrownBy(() -> defaults.withReplicationFactor((short) 0)).hasMessageContaining("replicationFactor");
        assertThatThrownBy(() -> RegistryConfig.defaults("")).hasMessageContaining("bootstrapServers");
    }
}
