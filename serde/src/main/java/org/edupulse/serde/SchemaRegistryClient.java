package org.edupulse.serde;

import org.apache.avro.Schema;

/**
 * The registry operations the serde needs. Implementations answer from the Confluent REST API
 * ({@link RestSchemaRegistryClient}) or from memory for tests ({@link MockSchemaRegistry}).
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (a no-op if it is there) and returns its id. */
    int register(String subject, Schema schema);

    /** Looks up the id of a schema already registered under {@code subject}. */
    int idOf(String subject, Schema schema);

    /** The schema with the given registry-wide id. */
    Schema schemaById(int id);

    /** The latest version registered under {@code subject}. */
    RegisteredSchema latest(String subject);
}
