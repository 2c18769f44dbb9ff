package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void shouldDefaultToLoopback8080AndOneMebibyte() {
        // When
        final GatewayConfig config = GatewayConfig.of("127.0.0.1:9092", "http://127.0.0.1:8081");

        // Then
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.maxBodyBytes()).isEqualTo(1_048_576L);
        assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldReadSettingsByName() {
        // When
        final GatewayConfig config = GatewayConfig.from(Map.of(
                "bootstrap.servers", "k:9092", "schema.registry.url", "http://r:8081",
                "gateway.port", "0", "gateway.max.body.bytes", "2048", "gateway.publish.timeout.ms", "500"));

        // Then
        assertThat(config).isEqualTo(GatewayConfig.of("k:9092", "http://r:8081")
                .withPort(0).withMaxBodyBytes(2048).withPublishTimeout(Duration.ofMillis(500)));
    }

    @Test
    void shouldRefuseOutOfRangeValuesAtStartUp() {
        // Given
        final GatewayConfig config = GatewayConfig.of("k:9092", "http://r:8081");

        // Then
        assertThatThrownBy(() -> config.withPort(70_000)).hasMessageContaining("gateway.port");
        assertThatThrownBy(() -> config.withMaxBodyBytes(0)).hasMessageContaining("gateway.max.body.bytes");
        assertThatThrownBy(() -> config.withPublishTimeout(Duration.ZERO)).hasMessageContaining("gateway.publish.timeout.ms");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("bootstrap.servers", "k:9092")))
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> GatewayConfig.from(Map.of("bootstrap.servers", "k", "schema.registry.url", "r",
                "gateway.port", "eighty"))).hasMessageContaining("whole number");
    }
}
