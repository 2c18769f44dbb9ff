package org.edupulse.serde;

/**
 * The schema registry gave no answer: connection refused, a timeout, HTTP 5xx or 429, on every URL
 * and every retry. Unlike its parent it says nothing about the schema, so a record whose schema
 * could not be fetched is not bad data: a caller keeps it and asks again later rather than
 * refusing it.
 */
public final class SchemaRegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
