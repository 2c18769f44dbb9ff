package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

    @Test
    void shouldDefaultToLoopback8080OneMebibyteAndAThousandEvents() {
        // When
        final GatewayConfig config = GatewayConfig.of("127.0.0.1:9092", "http://127.0.0.1:8081");

        // Then
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.maxBodyBytes()).isEqualTo(1_048_576L);
        assertThat(config.maxBatchEvents()).isEqualTo(1_000);
        assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldRefuseOutOfRangeValuesAtStartUp() {
        // Given
        final GatewayConfig config = GatewayConfig.of("k:9092", "http://r:8081");

        // Then
        assertThatThrownBy(() -> config.withPort(70_000)).hasMessageContaining("gateway.port");
        assertThatThrownBy(() -> config.withMaxBodyBytes(0)).hasMessageContaining("gateway.max.body.bytes");
        assertThatThrownBy(() -> config.withMaxBatchEvents(0)).hasMessageContaining("gateway.max.batch.events");
        assertThatThrownBy(() -> config.withMaxBatchEvents(GatewayConfig.LARGEST_MAX_BATCH_EVENTS + 1))
                .hasMessageContaining("gateway.max.batch.events");
        assertThatThrownBy(() -> config.withPublishTimeout(Duration.ZERO)).hasMessageContaining("gateway.publish.timeout.ms");
        assertThatThrownBy(() -> GatewayConfig.of("k:9092", " ")).hasMessageContaining("schema.registry.url");
    }
}
