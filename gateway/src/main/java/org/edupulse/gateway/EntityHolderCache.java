package org.edupulse.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.schemas.EntityHolder;
import org.edupulse.schemas.EntityKind;
import org.edupulse.serde.SchemaRegistryException;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.tail.CompactedTail;
import org.edupulse.tail.TailHealth;
import org.edupulse.tail.TailPolicy;
import org.edupulse.topics.Topics;

/**
 * Which school holds each person and device, as the pipeline publishes it to
 * {@link Topics#ENTITY_HOLDERS}: the gateway refuses with 403 a school's event about what another
 * school holds, so the school learns at once that it must ask the holder to post {@code RELEASED}.
 * The cache may lag the pipeline by a poll or two; the pipeline's rules core stays the authority
 * and refuses whatever slips through. A holder record whose schema the registry could not serve (no
 * answer, or credentials refused) is waited for, not skipped: until it is read the cache is not
 * ready, and the gateway takes nothing.
 */
public final class EntityHolderCache implements AutoCloseable {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** School id by {@link Topics#holderKey}; absent when nobody holds the entity. */
    private final Map<String, String> holders = new ConcurrentHashMap<>();
    private final CompactedTail<String, EntityHolder> tail;

    EntityHolderCache(final Consumer<String, EntityHolder> consumer, final String topic, final TailPolicy policy) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(topic, "topic");
        this.tail = CompactedTail.start("entity-holders", topic, consumer, this::apply, policy,
                SchemaRegistryException::isNotAboutTheRecord);
    }

    /** Starts reading {@link Topics#ENTITY_HOLDERS}; {@link #awaitCaughtUp} before trusting a miss. */
    public static EntityHolderCache start(final String bootstrapServers, final String schemaRegistryUrl,
                                          final Map<String, ?> clientSettings) {
        final Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "edupulse-gateway-holders-reader-" + CLIENTS.incrementAndGet());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The pipeline writes the topic exactly-once: never act on an aborted transaction's record.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final SpecificAvroSerde<EntityHolder> serde = SpecificAvroSerde.of(EntityHolder.class,
                SerdeConfig.forRegistry(schemaRegistryUrl, clientSettings), false);
        return new EntityHolderCache(new KafkaConsumer<>(props, new StringDeserializer(), serde.deserializer()),
                Topics.ENTITY_HOLDERS.name(), TailPolicy.DEFAULT);
    }

    /** The school holding the person ({@link EntityKind#PERSON}, staff id) or device; empty when nobody does. */
    public Optional<String> holderOf(final EntityKind kind, final String entityId) {
        return Optional.ofNullable(holders.get(Topics.holderKey(kind, entityId)));
    }

    /** Whether every holder record written before this call was read within {@code timeout}. */
    public boolean awaitCaughtUp(final Duration timeout) {
        return tail.awaitCaughtUp(timeout);
    }

    /** Whether the holders have been read once and are still being followed, and if not why. */
    public TailHealth health() {
        return tail.health();
    }

    @Override
    public void close() {
        tail.close();
    }

    private void apply(final ConsumerRecord<String, EntityHolder> record) {
        final EntityHolder holder = record.value();
        if (holder == null || holder.getSchoolId() == null) {
            holders.remove(record.key());
        } else {
            holders.put(record.key(), holder.getSchoolId());
        }
    }
}
