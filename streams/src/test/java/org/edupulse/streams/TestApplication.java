package org.edupulse.streams;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers;
import org.edupulse.serde.SerdeConfig;

/**
 * The indicators application as the tests of this module, {@code serving} and {@code audit} run it: exactly-once
 * v2, 100 ms commits, from the earliest records, with the pipeline's own client settings
 * ({@link IndicatorsStreamsSettings}), on the embedded broker of the test. The {@code pipeline} command's settings
 * and start are tested with the command itself (app, deploy-it).
 *
 * <p>The topology's key-value stores are Kafka's in-memory stores, each logged to its changelog as before, as the
 * demo keeps them; {@code -Dedupulse.test.rocksdb=true} puts them in RocksDB, as {@code pipeline} does. What these
 * tests check is what the topology computes and what serving and the audit make of it, which the kind of store does
 * not change; opening and closing the forty-odd RocksDB stores of each application took half of the streams module's
 * unit-test time (BENCHMARKS.md, session 33). The pipeline's own tests (app, deploy-it) keep RocksDB.
 */
public final class TestApplication {

    /** The system property that keeps the topology's stores in RocksDB. */
    public static final String ROCKSDB_PROPERTY = "edupulse.test.rocksdb";

    private TestApplication() {
    }

    /**
     * The settings of an application {@code applicationId} on {@code bootstrapServers}, its state in {@code stateDir};
     * {@code registryUrl} null for a topology of the test's own that reads no Avro.
     */
    public static Properties properties(final String applicationId, final String bootstrapServers,
                                        final String registryUrl, final Path stateDir) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (registryUrl != null) {
            props.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        }
        IndicatorsStreamsSettings.applyTo(props);
        return props;
    }

    /** An application of the topology with {@code config}, not started; {@code props} as {@link #properties} gives them. */
    public static KafkaStreams streams(final IndicatorsConfig config, final Properties props) {
        final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, Objects.requireNonNull(
                props.get(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG), "the topology's serdes need a schema.registry.url"));
        final IndicatorsConfig stores = withTestStores(config, props);
        return new KafkaStreams(build(new IndicatorsTopology(stores, serdeConfig), props), props);
    }

    /** An application of the topology with its default configuration. */
    public static KafkaStreams streams(final Properties props) {
        return streams(IndicatorsConfig.defaults(), props);
    }

    /**
     * {@code config} with the tests' stores, and {@code props} told the same for the stores Kafka Streams' DSL makes
     * (its aggregates and joins): in memory unless {@link #ROCKSDB_PROPERTY} is set.
     */
    static IndicatorsConfig withTestStores(final IndicatorsConfig config, final Properties props) {
        if (Boolean.getBoolean(ROCKSDB_PROPERTY)) {
            return config;
        }
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, InMemoryDslStoreSuppliers.class);
        return config.withInMemoryState();
    }

    /** The topology built with the DSL's store suppliers {@code props} names. */
    static Topology build(final IndicatorsTopology topology, final Properties props) {
        return topology.build(new TopologyConfig(new StreamsConfig(props)));
    }
}
