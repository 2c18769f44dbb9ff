package org.edupulse.registry;

/**
 * A refusal the client should see, carrying Confluent's HTTP status and {@code error_code} so the
 * REST layer can answer exactly as cp-schema-registry would.
 */
final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    RegistryException(final int status, final int errorCode, final String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(final String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(final String subject, final int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryException schemaNotFound(final String what) {
        return new RegistryException(404, 40403, what);
    }

    static RegistryException subjectLevelNotConfigured(final String subject) {
        return new RegistryException(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException incompatible(final String subject, final Iterable<String> details) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for"
                + " subject \"" + subject + "\", details: " + details);
    }

    static RegistryException invalidSchema(final String detail) {
        return new RegistryException(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryException invalidVersion(final String version) {
        return new RegistryException(422, 42202, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel(final String level) {
        return new RegistryException(422, 42203, "Invalid compatibility level '" + level + "'. Valid values are"
                + " none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException badRequest(final String message) {
        return new RegistryException(400, 400, message);
    }

    static RegistryException timeout(final String message) {
        return new RegistryException(500, 50002, message);
    }

    static RegistryException storeError(final String message) {
        return new RegistryException(500, 50001, message);
    }
}
