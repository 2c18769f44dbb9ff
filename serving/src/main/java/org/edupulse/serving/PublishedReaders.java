package org.edupulse.serving;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
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
import org.edupulse.tail.TailPolicy;
import org.edupulse.topics.Topics;

/**
 * The readers of published topics, each on its own consumer so that the history catch-up at
 * start-up never delays a live update: one reads the history topic (a look-back window into the
 * {@link IndicatorHistory}) and counts the dead-letter and late-event ledgers from the beginning;
 * another follows the district and province indicator topics from their end into the
 * {@link SseHub}. Two {@link CompactedTail}s read whole topics into memory, with the health that
 * readiness waits for: every school version of the reference topic ({@link SchoolVersions}, for the
 * hierarchy as of a date) and every published period ({@link PeriodSeries}).
 */
final class PublishedReaders {

    /** Name of the server-sent event carrying one updated IndicatorSet. */
    static final String INDICATOR_SET_EVENT = "indicator-set";

    private PublishedReaders() {
    }

    static TopicTail history(final ServingConfig config, final String clientId, final IndicatorHistory history,
                             final ServingMetrics metrics) {
        final Map<String, Object> serdeConfig = serdeConfig(config);
        final Deserializer<IndicatorSet> sets = SpecificAvroSerde.of(IndicatorSet.class, serdeConfig, false)
                .deserializer();
        final Deserializer<DeadLetter> letters = SpecificAvroSerde.of(DeadLetter.class, serdeConfig, false)
                .deserializer();
        final Deserializer<LateEvent> lates = SpecificAvroSerde.of(LateEvent.class, serdeConfig, false).deserializer();
        return new TopicTail(clientId, config.bootstrapServers(), config.clientSettings(), List.of(
                TopicTail.Subscription.lookingBack(Topics.INDICATOR_HISTORY.name(), config.historyWindow(), r -> {
                    final IndicatorSet set = sets.deserialize(r.topic(), r.value());
                    if (set != null) {
                        history.add(set);
                    }
                }),
                TopicTail.Subscription.fromBeginning(Topics.DEAD_LETTER.name(), r -> {
                    final DeadLetter letter = letters.deserialize(r.topic(), r.value());
                    if (letter != null) {
                        metrics.deadLetter(letter.getSourceTopic());
                    }
                }),
                TopicTail.Subscription.fromBeginning(Topics.LATE_EVENTS.name(), r -> {
                    final LateEvent late = lates.deserialize(r.topic(), r.value());
                    if (late != null) {
                        metrics.lateEvent(late.getEventType());
                    }
                })));
    }

    static TopicTail live(final ServingConfig config, final String clientId, final SseHub hub) {
        final Deserializer<IndicatorSet> sets = SpecificAvroSerde.of(IndicatorSet.class, serdeConfig(config), false)
                .deserializer();
        final Consumer<ConsumerRecord<String, byte[]>> push = r -> {
            final IndicatorSet set = sets.deserialize(r.topic(), r.value());
            if (set != null) {
                hub.publish(INDICATOR_SET_EVENT, new String(Reply.toBytes(IndicatorJson.of(set)),
                        StandardCharsets.UTF_8));
            }
        };
        return new TopicTail(clientId, config.bootstrapServers(), config.clientSettings(), List.of(
                TopicTail.Subscription.fromEnd(Topics.DISTRICT_INDICATORS.name(), push),
                TopicTail.Subscription.fromEnd(Topics.PROVINCE_INDICATORS.name(), push)));
    }

    /** Reads every version of every school, from the beginning, into {@code versions}. */
    static CompactedTail<String, School> schools(final ServingConfig config, final String clientId,
                                                 final SchoolVersions versions) {
        return CompactedTail.start("school-versions", Topics.SCHOOLS.name(), consumer(config, clientId, School.class),
                record -> versions.add(record.value()), TailPolicy.DEFAULT, SchemaRegistryException::isNotAboutTheRecord);
    }

    /** Reads the compacted periods topic, from the beginning, into {@code periods} (tombstones remove). */
    static CompactedTail<String, PeriodIndicators> periods(final ServingConfig config, final String clientId,
                                                            final PeriodSeries periods) {
        return CompactedTail.start("indicator-periods", Topics.INDICATOR_PERIODS.name(),
                consumer(config, clientId, PeriodIndicators.class), record -> periods.apply(record.key(), record.value()),
                TailPolicy.DEFAULT, SchemaRegistryException::isNotAboutTheRecord);
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
