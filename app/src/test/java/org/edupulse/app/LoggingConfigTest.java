package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The logging the product jar ships with (not the tests' own configuration). */
class LoggingConfigTest {

    @Test
    void shouldWriteTheGatewayAccessLogByDefaultAndKeepLibrariesQuiet() throws Exception {
        // Given the packaged logback.xml
        final LoggerContext context = new LoggerContext();
        final JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try (InputStream config = getClass().getResourceAsStream("/logback.xml")) {
            assertThat(config).isNotNull();
            configurator.doConfigure(config);
        }

        // Then the gateway's access lines are written, the rest of EduPulse and Kafka only when something is wrong
        assertThat(context.getLogger("org.edupulse.gateway.access").isEnabledFor(Level.INFO)).isTrue();
        assertThat(context.getLogger("org.edupulse.streams").isEnabledFor(Level.INFO)).isFalse();
        assertThat(context.getLogger("org.apache.kafka.clients").isEnabledFor(Level.WARN)).isFalse();
    }
}
