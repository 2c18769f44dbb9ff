package org.edupulse.streams;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

/**
 * Kafka's own clients for Streams, with the producer wrapped in a {@link SizeCheckingProducer}, so
 * that a record too large to write is refused without aborting the exactly-once transaction around
 * it. Named in {@code default.client.supplier} by {@link IndicatorsStreamsSettings}.
 */
public final class SizeCheckingClientSupplier implements KafkaClientSupplier {

    /** The producer's own default {@code max.request.size}: 1 MiB. */
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private final KafkaClientSupplier kafka = new DefaultKafkaClientSupplier();

    @Override
    public Admin getAdmin(final Map<String, Object> config) {
        return kafka.getAdmin(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(final Map<String, Object> config) {
        final Object configured = config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        final int maxRequestSize = configured == null ? DEFAULT_MAX_REQUEST_SIZE
                : (Integer) ConfigDef.parseType(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, configured, ConfigDef.Type.INT);
        return new SizeCheckingProducer(kafka.getProducer(config), maxRequestSize);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(final Map<String, Object> config) {
        return kafka.getConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(final Map<String, Object> config) {
        return kafka.getRestoreConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(final Map<String, Object> config) {
        return kafka.getGlobalConsumer(config);
    }
}
