package org.edupulse.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * The process's Prometheus metrics: Kafka Streams and client metrics as Micrometer binds them, plus
 * the few EduPulse operators ask for by name: events ingested per type and ingest lag (read from the
 * Streams consumers' fetch metrics), dead letters and late events (counted from their topics), stream
 * clients and HTTP requests.
 */
final class ServingMetrics implements AutoCloseable {

    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private KafkaStreamsMetrics streamsMetrics;

    ServingMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    /** Binds the Streams client metrics and the ingest counters and lag derived from them. */
    synchronized void bindStreams(final KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        Gauge.builder("edupulse.streams.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while the Streams instance is RUNNING (ready), 0 otherwise").register(registry);
        for (final Topic<String, ?> topic : ingestTopics()) {
            final String type = eventType(topic.name());
            FunctionCounter.builder("edupulse.events.ingested", streams,
                            s -> sum(s.metrics(), "records-consumed-total", topic.name()))
                    .description("Raw records this instance's Streams consumers read, by event type")
                    .tag("type", type).register(registry);
            Gauge.builder("edupulse.ingest.lag", streams, s -> sum(s.metrics(), "records-lag", topic.name()))
                    .description("Records behind the end of the raw topic, summed over this instance's partitions")
                    .tag("type", type).baseUnit("records").register(registry);
        }
    }

    void deadLetter(final String sourceTopic) {
        Counter.builder("edupulse.dead.letters").description("Records sent to the dead-letter topic, by source topic")
                .tag("source_topic", sourceTopic).register(registry).increment();
    }

    void lateEvent(final String eventType) {
        Counter.builder("edupulse.late.events").description("Events sent to the late-event ledger, by event type")
                .tag("event_type", eventType).register(registry).increment();
    }

    void watch(final SseHub hub, final IndicatorHistory history) {
        Gauge.builder("edupulse.stream.clients", hub, SseHub::clients)
                .description("Connected server-sent-event clients").register(registry);
        FunctionCounter.builder("edupulse.stream.events.sent", hub, SseHub::eventsSent)
                .description("IndicatorSets pushed to stream clients").register(registry);
        Gauge.builder("edupulse.history.points", history, IndicatorHistory::points)
                .description("Change points held for the history endpoint").register(registry);
    }

    void request(final String context, final String method, final int status, final Duration duration) {
        Timer.builder("edupulse.http.requests").description("HTTP requests by context, method and status")
                .tag("context", context).tag("method", method).tag("status", Integer.toString(status))
                .register(registry).record(duration);
    }

    static String eventType(final String topic) {
        final String[] parts = topic.split("\\.");
        return parts.length > 1 ? parts[1] : topic;
    }

    private static List<Topic<String, ?>> ingestTopics() {
        final List<Topic<String, ?>> topics = new ArrayList<>(Topics.RAW_EVENTS);
        topics.add(Topics.SCHOOLS);
        return topics;
    }

    /**
     * Sums a fetch-manager metric over every Streams consumer and partition of one topic. Kafka's
     * consumer registers these metrics under the topic's own name and, for older dashboards, again
     * with its dots replaced by underscores: the own-name series are summed when there are any, the
     * legacy ones only otherwise, so that nothing is counted twice.
     */
    static double sum(final Map<MetricName, ? extends Metric> metrics, final String name, final String topic) {
        final String legacy = topic.replace('.', '_');
        double own = 0;
        double underscored = 0;
        boolean ownFound = false;
        for (final Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            final MetricName metric = entry.getKey();
            final String topicTag = metric.tags().get("topic");
            if (!name.equals(metric.name()) || !FETCH_GROUP.equals(metric.group()) || topicTag == null) {
                continue;
            }
            final Object value = entry.getValue().metricValue();
            final double number = value instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : 0;
            if (topic.equals(topicTag)) {
                own += number;
                ownFound = true;
            } else if (legacy.equals(topicTag)) {
                underscored += number;
            }
        }
        return ownFound ? own : underscored;
    }

    @Override
    public synchronized void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        registry.close();
    }
}
