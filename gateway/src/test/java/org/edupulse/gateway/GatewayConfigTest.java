package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
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

    @Test
    void shouldApplyTheGatewaySettingsOfAPropertiesFileAndLeaveOtherKeysAlone() {
        // When
        final GatewayConfig config = GatewayConfig.of("k:9092", "http://r:8081").withSettings(Map.of(
                "gateway.host", "0.0.0.0", "gateway.port", "8090", "gateway.max.body.bytes", "4096",
                "gateway.max.batch.events", "2", "gateway.publish.timeout.ms", "1500", "http.port", "7000"));

        // Then
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8090);
        assertThat(config.maxBodyBytes()).isEqualTo(4096L);
        assertThat(config.maxBatchEvents()).isEqualTo(2);
        assertThat(config.publishTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void shouldRefuseAnUnknownGatewayKeyOrAValueThatIsNotAWholeNumberNamingTheKey() {
        // Given
        final GatewayConfig config = GatewayConfig.of("k:9092", "http://r:8081");

        // Then
        assertThatThrownBy(() -> config.withSettings(Map.of("gateway.max.batch.event", "2")))
                .hasMessageContaining("gateway.max.batch.event").hasMessageContaining("gateway.max.batch.events");
        assertThatThrownBy(() -> config.withSettings(Map.of("gateway.publish.timeout.ms", "30s")))
                .hasMessageContaining("gateway.publish.timeout.ms").hasMessageContaining("30s");
        assertThatThrownBy(() -> config.withSettings(Map.of("gateway.port", "4294975296")))
                .hasMessageContaining("gateway.port");
        assertThatThrownBy(() -> config.withSettings(Map.of("gateway.max.batch.events", "0")))
                .hasMessageContaining("gateway.max.batch.events");
    }
}
