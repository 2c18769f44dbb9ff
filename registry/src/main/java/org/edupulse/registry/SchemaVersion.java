package org.edupulse.registry;

/**
 * One registered version of a subject: what the REST API returns for a subject/version lookup.
 *
 * @param schema the canonical schema text (see {@link CanonicalSchema})
 */
record SchemaVersion(String subject, int version, int id, String schema) {
}
