package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/**
 * Kafka's consumer registers each per-topic fetch metric twice, under the topic's own name and
 * with dots replaced by underscores; the EduPulse counters must count each record once.
 */
class ServingMetricsTest {

    private static final String GROUP = "consumer-fetch-manager-metrics";

    @Test
    void shouldSumTheOwnNameSeriesOnlyWhenKafkaAlsoRegistersTheUnderscoredOne() {
        // Given two consumers, each reporting 40 and 2 records under both tag forms, and another topic
        final Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "records-consumed-total", "stream-1-consumer", "edupulse.staff.events", 40);
        put(metrics, "records-consumed-total", "stream-1-consumer", "edupulse_staff_events", 40);
        put(metrics, "records-consumed-total", "stream-2-consumer", "edupulse.staff.events", 2);
        put(metrics, "records-consumed-total", "stream-2-consumer", "edupulse_staff_events", 2);
        put(metrics, "records-consumed-total", "stream-1-consumer", "edupulse.device.events", 7);

        // When / Then
        assertThat(ServingMetrics.sum(metrics, "records-consumed-total", "edupulse.staff.events")).isEqualTo(42.0);
    }

    @Test
    void shouldFallBackToTheUnderscoredSeriesWhenItIsTheOnlyOne() {
        final Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "records-lag", "stream-1-consumer", "edupulse_staff_events", 5);

        assertThat(ServingMetrics.sum(metrics, "records-lag", "edupulse.staff.events")).isEqualTo(5.0);
    }

    private static void put(final Map<MetricName, Metric> metrics, final String name, final String clientId,
                            final String topic, final double value) {
        final MetricName metricName = new MetricName(name, GROUP, "", Map.of("client-id", clientId, "topic", topic));
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
