package org.edupulse.audit;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.edupulse.serde.CachedSchemaRegistryClient;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SchemaRegistryClient;
import org.edupulse.serde.SchemaRegistryException;

/**
 * Keeps the replay from writing to the schema registry. The topology registers a subject for every
 * topic it writes (repartition topics, outputs) under its application id; pointed at the real
 * registry, a replay would add subjects to the cluster's {@code _schemas} topic. Instead the
 * topology gets a private in-memory registry, and each raw value keeps its Avro payload byte for
 * byte with only the 4-byte schema id in its header renamed: the real registry's schema is read
 * (a GET) and registered in the private one.
 */
final class IsolatedRegistry implements AutoCloseable {

    private static final byte MAGIC = 0;
    private static final int HEADER = 5;
    /** Id for a schema the real registry does not know: absent from the private one too, so still unreadable. */
    private static final int UNKNOWN = -1;
    private static final int NOT_FOUND = 404;

    private final SchemaRegistryClient real;
    private final String scope;
    private final MockSchemaRegistry isolated;
    private final Map<Integer, Integer> ids = new HashMap<>();

    /** @param realRegistry the serde configuration of the live registry: URL and client settings */
    IsolatedRegistry(final Map<String, ?> realRegistry) {
        this.real = CachedSchemaRegistryClient.forConfig(realRegistry);
        this.scope = "edupulse-audit-" + UUID.randomUUID();
        this.isolated = MockSchemaRegistry.scope(scope);
    }

    /** The {@code schema.registry.url} the replayed topology is configured with. */
    String url() {
        return MockSchemaRegistry.SCHEME + scope;
    }

    /** The value with its schema id translated; unchanged when it is not in the registry's wire format. */
    byte[] translate(final byte[] value) {
        if (value == null || value.length < HEADER || value[0] != MAGIC) {
            return value;
        }
        final int id = ByteBuffer.wrap(value, 1, 4).getInt();
        final int local = ids.computeIfAbsent(id, this::register);
        if (local == id) {
            return value;
        }
        final byte[] copy = value.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(local);
        return copy;
    }

    private int register(final int id) {
        final Schema schema;
        try {
            schema = real.schemaById(id);
        } catch (final SchemaRegistryException e) {
            if (e.status() == NOT_FOUND) {
                return UNKNOWN;
            }
            throw e;
        }
        return isolated.register("edupulse-audit-source-" + id, schema);
    }

    @Override
    public void close() {
        MockSchemaRegistry.drop(scope);
    }
}
