package org.edupulse.serde;

/**
 * A definite answer from the schema registry that is not a success, with the registry's own error
 * code (e.g. 40403 schema not found, 409 incompatible schema) so callers can tell cases apart. Asking
 * again gets the same answer. A registry that could not give an answer at all (unreachable, timed
 * out, 5xx, 429) is the subclass {@link SchemaRegistryUnavailableException}: asking later may work.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent's error code for "Schema not found" (with HTTP 404), e.g. for {@code GET /schemas/ids/{id}}. */
    public static final int SCHEMA_NOT_FOUND = 40403;

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(final int status, final int errorCode, final String message) {
        super(message + " (HTTP " + status + ", error code " + errorCode + ")");
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(final String message, final Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
    }

    /** The HTTP status, or -1 when the registry could not be reached. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, or -1 when the registry could not be reached. */
    public int errorCode() {
        return errorCode;
    }

    /**
     * Whether {@code failure}, or an exception it was caused by, says nothing about the record being
     * read: the registry gave no answer ({@link SchemaRegistryUnavailableException}) or refused this
     * client ({@link SchemaRegistryAuthenticationException}). Such a record is not bad data: a reader
     * keeps it and reads it again once the registry answers, rather than skipping it. An unknown
     * schema id, a wrong magic byte or bytes that are not Avro are the record's own failures: false.
     */
    public static boolean isNotAboutTheRecord(final Throwable failure) {
        // A bounded walk: a cause chain can loop.
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryUnavailableException
                    || cause instanceof SchemaRegistryAuthenticationException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the registry answered, definitely, that it holds no schema with the id asked for. */
    public boolean schemaNotFound() {
        return status == 404 && errorCode == SCHEMA_NOT_FOUND;
    }
}
