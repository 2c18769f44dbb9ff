package org.edupulse.serving;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.LateEvent;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.School;
import org.edupulse.serde.SchemaRegistryException;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.tail.CompactedTail;
import org.edupulse.tail.RecordHandler;
import org.edupulse.tail.TailPolicy;
import org.edupulse.tail.TailStart;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * The readers of published topics, every one a {@link CompactedTail} on its own consumer (so that the
 * history catch-up at start-up never delays a live update), all with the same failure policy: a broker
 * or schema registry that is away is waited for, only a record that is definitely bad is skipped and
 * counted; and all with the health that readiness waits for. The history topic is read from a
 * look-back window into the {@link IndicatorHistory}; the dead-letter and late-event ledgers are
 * counted from the beginning; the district and province indicator topics are followed from their end
 * into the {@link SseHub}; every school version of the reference topic ({@link SchoolVersions}, for
 * the hierarchy as of a date) and every published period ({@link PeriodSeries}) are read whole.
 */
final class PublishedReaders {

    /** Name of the server-sent event carrying one updated IndicatorSet. */
    static final String INDICATOR_SET_EVENT = "indicator-set";
    /** Name of the reader of school versions, in health answers. */
    static final String SCHOOL_VERSIONS = "school-versions";
    /** Name of the reader of published periods, in health answers. */
    static final String INDICATOR_PERIODS = "indicator-periods";

    private PublishedReaders() {
    }

    /** Starts every reader a query server needs; the caller closes them. */
    static List<CompactedTail<String, ?>> all(final ServingConfig config, final String clientPrefix,
                                              final IndicatorHistory history, final ServingMetrics metrics,
                                              final SseHub hub, final SchoolVersions versions,
                                              final PeriodSeries periods) {
        return List.of(
                schools(config, clientPrefix + "-schools", versions),
                periods(config, clientPrefix + "-periods", periods),
                history(config, clientPrefix + "-history", history),
                deadLetters(config, clientPrefix + "-dead-letters", metrics),
                lateEvents(config, clientPrefix + "-late-events", metrics),
                live(config, clientPrefix + "-live-district", Topics.DISTRICT_INDICATORS, hub),
                live(config, clientPrefix + "-live-province", Topics.PROVINCE_INDICATORS, hub));
    }

    /** Reads every version of every school, from the beginning, into {@code versions}. */
    static CompactedTail<String, School> schools(final ServingConfig config, final String clientId,
                                                 final SchoolVersions versions) {
        return read(config, clientId, SCHOOL_VERSIONS, Topics.SCHOOLS, TailStart.beginning(),
                record -> versions.add(record.value()));
    }

    /** Reads the compacted periods topic, from the beginning, into {@code periods} (tombstones remove). */
    static CompactedTail<String, PeriodIndicators> periods(final ServingConfig config, final String clientId,
                                                            final PeriodSeries periods) {
        return read(config, clientId, INDICATOR_PERIODS, Topics.INDICATOR_PERIODS,
                TailStart.beginning(), record -> periods.apply(record.key(), record.value()));
    }

    /** Reads the history topic from {@link ServingConfig#historyWindow()} ago, into {@code history}. */
    static CompactedTail<String, IndicatorSet> history(final ServingConfig config, final String clientId,
                                                       final IndicatorHistory history) {
        return read(config, clientId, "indicator-history", Topics.INDICATOR_HISTORY,
                TailStart.lookBack(config.historyWindow()), record -> {
                    if (record.value() != null) {
                        history.add(record.value());
                    }
                });
    }

    /** Counts the dead letters, from the beginning, by source topic. */
    static CompactedTail<String, DeadLetter> deadLetters(final ServingConfig config, final String clientId,
                                                         final ServingMetrics metrics) {
        return read(config, clientId, "dead-letters", Topics.DEAD_LETTER, TailStart.beginning(),
                record -> {
                    if (record.value() != null) {
                        metrics.deadLetter(record.value().getSourceTopic());
                    }
                });
    }

    /** Counts the late events, from the beginning, by event type. */
    static CompactedTail<String, LateEvent> lateEvents(final ServingConfig config, final String clientId,
                                                       final ServingMetrics metrics) {
        return read(config, clientId, "late-events", Topics.LATE_EVENTS, TailStart.beginning(),
                record -> {
                    if (record.value() != null) {
                        metrics.lateEvent(record.value().getEventType());
                    }
                });
    }

    /** Follows an indicator topic from its end: each IndicatorSet published from now on goes to the stream clients. */
    static CompactedTail<String, IndicatorSet> live(final ServingConfig config, final String clientId,
                                                    final Topic<String, IndicatorSet> topic, final SseHub hub) {
        return read(config, clientId, "live-" + topic.name().replace("edupulse.", "").replace('.', '-'), topic,
                TailStart.end(), record -> {
                    if (record.value() != null) {
                        hub.publish(INDICATOR_SET_EVENT, new String(Reply.toBytes(IndicatorJson.of(record.value())),
                                StandardCharsets.UTF_8));
                    }
                });
    }

    private static <V extends SpecificRecord> CompactedTail<String, V> read(
            final ServingConfig config, final String clientId, final String name, final Topic<String, V> topic,
            final TailStart from, final RecordHandler<String, V> handler) {
        return CompactedTail.reading(name, topic.name(), consumer(config, clientId, topic.valueType())).from(from)
                .policy(TailPolicy.DEFAULT).transientFailure(SchemaRegistryException::isNotAboutTheRecord)
                .start(handler);
    }

    /** A consumer without a group (every instance reads the whole topic) that sees committed records only. */
    private static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(final ServingConfig config,
                                                                                 final String clientId,
                                                                                 final Class<V> type) {
        final Map<String, Object> props = new HashMap<>(config.clientSettings());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(),
                SpecificAvroSerde.of(type, serdeConfig(config), false).deserializer());
    }

    private static Map<String, Object> serdeConfig(final ServingConfig config) {
        return SerdeConfig.forRegistry(config.schemaRegistryUrl(), config.clientSettings());
    }
}
