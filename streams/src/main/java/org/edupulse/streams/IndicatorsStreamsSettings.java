package org.edupulse.streams;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings that belong to the indicator topology wherever it runs (the pipeline, the
 * replay), kept next to it so that whoever assembles the Streams properties takes them all.
 */
public final class IndicatorsStreamsSettings {

    private IndicatorsStreamsSettings() {
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
