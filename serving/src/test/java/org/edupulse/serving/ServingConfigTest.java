package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ServingConfigTest {

    @Test
    void shouldMakeTheApplicationServerSettingFromHostAndPort() {
        // When / Then
        assertThat(ServingConfig.applicationServer("10.0.0.5", 8080))
                .containsExactly(Map.entry(StreamsConfig.APPLICATION_SERVER_CONFIG, "10.0.0.5:8080"));
        assertThatThrownBy(() -> ServingConfig.applicationServer("h", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseBadValuesAtStartUp() {
        // Given
        final ServingConfig defaults = ServingConfig.defaults("127.0.0.1:9092", "http://127.0.0.1:8081");

        // When / Then
        assertThat(defaults.port()).isEqualTo(ServingConfig.DEFAULT_PORT);
        assertThatThrownBy(() -> defaults.withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withHeartbeat(Duration.ofMillis(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withHistory(Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withHosts(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
