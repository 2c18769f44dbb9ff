package org.edupulse.streams;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings that belong to the indicator topology wherever it runs (the pipeline, the
 * replay), kept next to it so that whoever assembles the Streams properties takes them all.
 */
public final class IndicatorsStreamsSettings {

    /**
     * {@code retry.backoff.ms}, unless configured. Since 4.3.0 Kafka Streams sleeps it after each internal
     * topic it creates instead of once per round (KAFKA-21033, apache/kafka#23363, open when this was
     * written): a first start makes the topology's 53 internal topics ready in two rounds (17 repartition
     * topics, 36 changelogs) with 51 sleeps, 5.1 s at Kafka's 100 ms. The topics are made by the partition
     * assignor inside the main consumer, with the consumer's settings, so the clients get it too; their
     * retries back off exponentially from it up to {@code retry.backoff.max.ms} (1 s), as with Kafka's.
     */
    public static final long RETRY_BACKOFF_MS = 10;

    private IndicatorsStreamsSettings() {
    }

    /**
     * Puts into {@code props} every setting of this class that is not configured there: the
     * {@link #errorHandling()} and {@link #RETRY_BACKOFF_MS}. Whoever assembles the Streams properties of the
     * indicator topology (the pipeline, the tests' own clients) calls this, so that they all run with the same.
     */
    public static void applyTo(final Properties props) {
        errorHandling().forEach(props::putIfAbsent);
        props.putIfAbsent(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, RETRY_BACKOFF_MS);
    }

    /**
     * A record that can never be written is skipped and logged instead of stopping the stream thread
     * after every restart: the production exception handler ({@link UnproducibleRecordHandler})
     * decides, and the client supplier ({@link SizeCheckingClientSupplier}) refuses a too-large
     * record before Kafka's producer would abort the exactly-once transaction over it.
     */
    public static Map<String, Object> errorHandling() {
        return Map.of(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, UnproducibleRecordHandler.class,
                StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, SizeCheckingClientSupplier.class);
    }
}
