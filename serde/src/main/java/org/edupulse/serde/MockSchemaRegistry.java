package org.edupulse.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * An in-memory registry behind {@code schema.registry.url=mock://SCOPE}, for topology tests that
 * must not need a server (Confluent's serdes offer the same URL form). Serde instances are built by
 * Kafka from configuration alone, so the scopes live in one process-wide map; {@link #drop(String)}
 * clears a scope between tests. It checks no compatibility: the real registry does that. A scope can
 * be made {@link #unavailable(boolean) unavailable} to act out a registry outage.
 */
public final class MockSchemaRegistry implements SchemaRegistryClient {

    /** URL prefix that selects this registry. */
    public static final String SCHEME = "mock://";

    private static final Map<String, MockSchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();
    private final Map<String, List<Schema>> subjects = new HashMap<>();
    private boolean unavailable;

    private MockSchemaRegistry() {
    }

    /** The registry of {@code scope}, created on first use. */
    public static MockSchemaRegistry scope(final String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new MockSchemaRegistry());
    }

    /** Forgets everything registered in {@code scope}. */
    public static void drop(final String scope) {
        SCOPES.remove(scope);
    }

    /** While true, every call fails as an unreachable registry does, with {@link SchemaRegistryUnavailableException}. */
    public synchronized void unavailable(final boolean down) {
        this.unavailable = down;
    }

    private void checkAvailable() {
        if (unavailable) {
            throw new SchemaRegistryUnavailableException("Schema registry " + SCHEME + " unavailable (simulated outage)",
                    null);
        }
    }

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        checkAvailable();
        final int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
        schemas.put(id, schema);
        final List<Schema> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(schema)) {
            versions.add(schema);
        }
        return id;
    }

    @Override
    public synchronized int idOf(final String subject, final Schema schema) {
        checkAvailable();
        final List<Schema> versions = subjects.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.");
        }
        if (!versions.contains(schema)) {
            throw new SchemaRegistryException(404, 40403, "Schema not found under subject '" + subject + "'.");
        }
        return ids.get(schema);
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        checkAvailable();
        final Schema schema = schemas.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, 40403, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        checkAvailable();
        final List<Schema> versions = subjects.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.");
        }
        final Schema schema = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, versions.size(), ids.get(schema), schema);
    }
}
