package org.edupulse.serving;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.LateEvent;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topics;

/**
 * The two readers of published topics, each on its own consumer so that the history catch-up at
 * start-up never delays a live update: one reads the history topic (a look-back window into the
 * {@link IndicatorHistory}) and counts the dead-letter and late-event ledgers from the beginning;
 * the other follows the district and province indicator topics from their end into the
 * {@link SseHub}.
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

    private static Map<String, Object> serdeConfig(final ServingConfig config) {
        return SerdeConfig.forRegistry(config.schemaRegistryUrl(), config.clientSettings());
    }
}
