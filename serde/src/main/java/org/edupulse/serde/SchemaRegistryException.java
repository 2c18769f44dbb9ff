package org.edupulse.serde;

/**
 * An answer from the schema registry that is not a success, with the registry's own error code
 * (e.g. 40403 schema not found, 409 incompatible schema) so callers can tell cases apart.
 */
public final class SchemaRegistryException extends RuntimeException {

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
}
