package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HttpServerLimitsTest {

    @Test
    void shouldSetARequestTimeoutTheJdkLeavesOffByDefault() {
        // Given: a JVM where nobody set the JDK server's limits
        final Properties properties = new Properties();

        // When
        final Map<String, String> inForce = HttpServerLimits.DEFAULTS.applyIfAbsent(properties);

        // Then
        assertThat(properties.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("30");
        assertThat(properties.getProperty("sun.net.httpserver.idleInterval")).isEqualTo("30");
        assertThat(properties.getProperty("sun.net.httpserver.maxReqHeaders")).isEqualTo("100");
        assertThat(properties.getProperty("sun.net.httpserver.maxReqHeaderSize")).isEqualTo("65536");
        assertThat(properties).doesNotContainKey("sun.net.httpserver.maxRspTime");
        assertThat(inForce).containsEntry("sun.net.httpserver.maxReqTime", "30").hasSize(4);
    }

    @Test
    void shouldKeepWhatAnOperatorSetWithMinusD() {
        // Given
        final Properties properties = new Properties();
        properties.setProperty("sun.net.httpserver.maxReqTime", "120");

        // When
        final Map<String, String> inForce = HttpServerLimits.DEFAULTS.applyIfAbsent(properties);

        // Then
        assertThat(inForce).containsEntry("sun.net.httpserver.maxReqTime", "120")
                .containsEntry("sun.net.httpserver.idleInterval", "30");
    }

    @Test
    void shouldRefuseLimitsTheJdkCannotExpress() {
        assertThatThrownBy(() -> new HttpServerLimits(Duration.ofMillis(1_500), Duration.ofSeconds(30), 100, 1024))
                .hasMessageContaining("sun.net.httpserver.maxReqTime");
        assertThatThrownBy(() -> new HttpServerLimits(Duration.ofSeconds(30), Duration.ZERO, 100, 1024))
                .hasMessageContaining("sun.net.httpserver.idleInterval");
        assertThatThrownBy(() -> new HttpServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(30), 0, 1024))
                .hasMessageContaining("sun.net.httpserver.maxReqHeaders");
    }
}
