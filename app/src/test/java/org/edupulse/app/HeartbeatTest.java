package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * A shorter {@code session.timeout.ms} (the demo's 10 s, or an operator's) needs heartbeats often enough to
 * keep the session: a third of it, at most Kafka's 3 s, where Kafka resolves the main consumer's settings.
 */
class HeartbeatTest {

    @Test
    void shouldBeatAThirdOfAShortSessionAndKafkasThreeSecondsOtherwise() {
        assertThat(mainConsumer(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)))
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        assertThat(mainConsumer(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)))
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        assertThat(mainConsumer(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 60_000)))
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }

    @Test
    void shouldLeaveKafkasSettingsAloneWithoutASessionAndAConfiguredHeartbeatAsItIs() {
        assertThat(mainConsumer(Map.of())).doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
        assertThat(mainConsumer(Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000)))
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    }

    private static Map<String, Object> mainConsumer(final Map<String, Object> configured) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.putAll(configured);
        IndicatorsApp.heartbeat(props);
        return new StreamsConfig(props).getMainConsumerConfigs("app", "client", 0);
    }
}
