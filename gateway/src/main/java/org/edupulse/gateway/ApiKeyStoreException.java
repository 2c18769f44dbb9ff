package org.edupulse.gateway;

/** The key topic could not be read or written in time; the message says what to check. */
public final class ApiKeyStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApiKeyStoreException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public ApiKeyStoreException(final String message) {
        super(message);
    }
}
