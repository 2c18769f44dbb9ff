package org.edupulse.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serving.ApiRoute.UnitKind;
import org.edupulse.streams.IndicatorsTopology;

/**
 * Interactive queries over the school, commune, district and province stores of
 * {@link IndicatorsTopology}. A key owned by another instance is forwarded there; the district list is this instance's share merged
 * with every other instance's. Anything but a RUNNING Streams instance answers 503 with
 * {@code Retry-After}: during a rebalance a store may be half-restored, and a partial answer would
 * look like a real one.
 */
final class IndicatorQueries {

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final Forwarder forwarder;

    IndicatorQueries(final Supplier<KafkaStreams> streams, final HostInfo self, final Forwarder forwarder) {
        this.streams = streams;
        this.self = self;
        this.forwarder = forwarder;
    }

    /** The latest IndicatorSet of one unit, from whichever instance owns it. */
    Reply unit(final UnitKind kind, final String unitId, final boolean forwarded, final String pathAndQuery) {
        final KafkaStreams current = streams.get();
        final Reply notReady = notRunning(current);
        if (notReady != null) {
            return notReady;
        }
        final String storeName = storeOf(kind);
        try {
            final Placement placement = Placement.of(
                    current.queryMetadataForKey(storeName, unitId, Serdes.String().serializer()), self);
            if (placement.where() == Placement.Where.REMOTE) {
                return forwarded
                        ? Reply.unavailable("ownership of " + unitId + " is moving between instances; retry shortly")
                        : forwarder.get(placement.owner(), pathAndQuery);
            }
            final IndicatorSet set = store(current, storeName).get(unitId);
            if (set == null) {
                return Reply.error(404, "no " + kind.label() + " with id " + unitId);
            }
            return served(Reply.json(200, IndicatorJson.of(set)));
        } catch (final StreamsException e) {
            // InvalidStateStoreException (a store migrating or restoring) and StreamsNotStartedException are both here.
            return Reply.unavailable(kind.label() + " indicators are not queryable right now (" + current.state()
                    + "); retry shortly");
        }
    }

    /**
     * The latest IndicatorSet of a unit of any level ({@code only} null) or of one level: each store
     * in turn, asking the instance that owns the key in it (one forward per level, naming that level,
     * so the owner looks at that store alone); 404 when no level has the id.
     */
    Reply anyUnit(final String unitId, final UnitKind only, final boolean forwarded) {
        final KafkaStreams current = streams.get();
        final Reply notReady = notRunning(current);
        if (notReady != null) {
            return notReady;
        }
        for (final UnitKind kind : only == null ? UnitKind.values() : new UnitKind[] {only}) {
            final Reply reply;
            try {
                reply = unitAt(current, kind, unitId, forwarded);
            } catch (final StreamsException e) {
                return Reply.unavailable(kind.label() + " indicators are not queryable right now (" + current.state()
                        + "); retry shortly");
            }
            if (reply != null) {
                return reply;
            }
        }
        return Reply.error(404, only == null
                ? "no unit with id " + unitId + " at any level (school, commune, district, province)"
                : "no " + only.label() + " with id " + unitId);
    }

    /** The unit's set in the store of {@code kind}, from this instance or its owner; null when that store has no such key. */
    private Reply unitAt(final KafkaStreams current, final UnitKind kind, final String unitId, final boolean forwarded) {
        final Placement placement = Placement.of(
                current.queryMetadataForKey(kind.store(), unitId, Serdes.String().serializer()), self);
        if (placement.where() == Placement.Where.REMOTE) {
            if (forwarded) {
                return Reply.unavailable("ownership of " + unitId + " is moving between instances; retry shortly");
            }
            final Reply remote = forwarder.get(placement.owner(),
                    ApiRoutes.PREFIX + "units/" + unitId + "?level=" + kind.name());
            return remote.status() == 404 ? null : remote;
        }
        final IndicatorSet set = store(current, kind.store()).get(unitId);
        return set == null ? null : served(Reply.json(200, IndicatorJson.unit(set)));
    }

    /** Every unit's latest IndicatorSet, sorted by id; only this instance's share when forwarded. */
    Reply all(final UnitKind kind, final boolean forwarded) {
        final KafkaStreams current = streams.get();
        final Reply notReady = notRunning(current);
        if (notReady != null) {
            return notReady;
        }
        try {
            final Map<String, Object> merged = new TreeMap<>();
            try (KeyValueIterator<String, IndicatorSet> all = store(current, storeOf(kind)).all()) {
                while (all.hasNext()) {
                    final KeyValue<String, IndicatorSet> entry = all.next();
                    merged.put(entry.key, IndicatorJson.of(entry.value));
                }
            }
            if (!forwarded) {
                final Collection<StreamsMetadata> instances =
                        current.streamsMetadataForStore(storeOf(kind));
                for (final StreamsMetadata instance : instances) {
                    if (!Placement.isSelf(instance.hostInfo(), self)) {
                        final Reply remote = forwarder.get(instance.hostInfo(), ApiRoutes.PREFIX + kind.label() + "s");
                        if (remote.status() != 200) {
                            return remote.status() == 503 ? remote : Reply.unavailable("instance "
                                    + instance.hostInfo() + " answered " + remote.status() + "; retry shortly");
                        }
                        for (final JsonNode set : Reply.mapper().readTree(remote.body())) {
                            merged.put(set.path("unitId").asText(), set);
                        }
                    }
                }
            }
            return served(Reply.json(200, merged.values()));
        } catch (final StreamsException e) {
            return Reply.unavailable(kind.label() + " indicators are not queryable right now (" + current.state()
                    + "); retry shortly");
        } catch (final IOException e) {
            return Reply.unavailable("another instance sent an unreadable answer; retry shortly");
        }
    }

    private Reply served(final Reply reply) {
        return reply.withHeader(Exchanges.SERVED_BY, self.host() + ":" + self.port());
    }

    private static Reply notRunning(final KafkaStreams current) {
        if (current == null) {
            return Reply.unavailable("the indicator pipeline is starting; retry shortly");
        }
        final KafkaStreams.State state = current.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Reply.unavailable("the indicator pipeline is " + state + "; retry shortly");
        }
        return null;
    }

    private static String storeOf(final UnitKind kind) {
        return kind.store();
    }

    private static ReadOnlyKeyValueStore<String, IndicatorSet> store(final KafkaStreams streams, final String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }
}
