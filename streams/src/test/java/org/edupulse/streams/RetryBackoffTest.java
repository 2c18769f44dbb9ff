package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams 4.3 sleeps {@code retry.backoff.ms} after each internal topic it creates (KAFKA-21033). The
 * topics are created by the partition assignor, which runs in the main consumer with its settings: that is
 * where the shorter back-off must arrive, as Kafka resolves the settings. The same entry point brings the
 * pipeline's error handling to every client of the indicator topology.
 */
class RetryBackoffTest {

    @Test
    void shouldShortenTheBackOffWhereTheInternalTopicsAreCreatedUnlessConfigured() {
        assertThat(mainConsumerBackoff(Map.of())).isEqualTo(IndicatorsStreamsSettings.RETRY_BACKOFF_MS);
    }

    @Test
    void shouldKeepAConfiguredBackOff() {
        assertThat(mainConsumerBackoff(Map.of(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 250L))).isEqualTo(250L);
        assertThat(mainConsumerBackoff(Map.of(StreamsConfig.mainConsumerPrefix(StreamsConfig.RETRY_BACKOFF_MS_CONFIG),
                300L))).isEqualTo(300L);
    }

    @Test
    void shouldBringThePipelinesErrorHandlingUnlessConfigured() {
        // Given the properties a test-side or the product's Streams client assembles, one with a handler of its own
        final Properties plain = new Properties();
        final Properties own = new Properties();
        own.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, "com.example.OwnHandler");

        // When the indicator topology's settings are applied
        IndicatorsStreamsSettings.applyTo(plain);
        IndicatorsStreamsSettings.applyTo(own);

        // Then both skip unproducible records as the pipeline does, and a configured handler stays
        assertThat(plain).containsAllEntriesOf(IndicatorsStreamsSettings.errorHandling());
        assertThat(own).containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, "com.example.OwnHandler")
                .containsEntry(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, SizeCheckingClientSupplier.class);
    }

    private static Object mainConsumerBackoff(final Map<String, Object> configured) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.putAll(configured);
        IndicatorsStreamsSettings.applyTo(props);
        return new StreamsConfig(props).getMainConsumerConfigs("app", "client", 0)
                .get(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG);
    }
}
