package org.edupulse.serde;

/**
 * The schema registry refused this client: HTTP 401 (no credentials, or wrong ones) or 403 (the
 * user may not do this). It says nothing about the schema asked for, so a record whose schema could
 * not be fetched is not bad data; and asking again with the same credentials gets the same answer,
 * so the client does not retry it. The message names the setting to check, never the credentials.
 */
public final class SchemaRegistryAuthenticationException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryAuthenticationException(final int status, final int errorCode, final String message) {
        super(status, errorCode, message);
    }
}
