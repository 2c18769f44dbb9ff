package org.edupulse.serde;

import org.apache.avro.Schema;

/**
 * A schema as the registry knows it under a subject.
 *
 * @param subject subject name
 * @param version version within the subject
 * @param id      the registry-wide schema id written into every record
 * @param schema  the parsed schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
