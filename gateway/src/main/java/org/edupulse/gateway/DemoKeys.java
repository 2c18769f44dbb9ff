package org.edupulse.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edupulse.schemas.ApiKeyScope;

/**
 * Keys for a few demo schools in a file of the demo's data directory, {@code schoolId=key} per
 * line, and one department key as {@code DEPARTMENT=key} (the only kind that may post school
 * records or trace a lineage over HTTP), so a user can try the gateway with {@code curl} straight
 * away. Keys already in the file that are still valid are kept, so restarting the demo does not
 * invalidate a README command pasted a minute ago; only missing or revoked ones are replaced. The
 * file is readable by its owner only, since it holds secrets.
 */
public final class DemoKeys {

    static final String LABEL = "demo";
    /** The line of the department key: no school id is spelled like this. */
    public static final String DEPARTMENT = "DEPARTMENT";

    private DemoKeys() {
    }

    /**
     * Writes {@code file} and returns its content: school id to key in the order given, then
     * {@value #DEPARTMENT} to the department key.
     */
    public static Map<String, String> write(final Path file, final List<String> schoolIds, final ApiKeys keys) {
        final Map<String, String> existing = read(file);
        final Map<String, String> result = new LinkedHashMap<>();
        for (final String schoolId : schoolIds) {
            final String old = existing.get(schoolId);
            final boolean stillValid = old != null && keys.find(old)
                    .filter(k -> k.getRevokedAt() == null && k.getScope() == ApiKeyScope.SCHOOL
                            && k.getSchoolId().equals(schoolId))
                    .isPresent();
            result.put(schoolId, stillValid ? old : keys.create(schoolId, LABEL).key());
        }
        final String oldDepartment = existing.get(DEPARTMENT);
        final boolean departmentStillValid = oldDepartment != null && keys.find(oldDepartment)
                .filter(k -> k.getRevokedAt() == null && k.getScope() == ApiKeyScope.DEPARTMENT)
                .isPresent();
        result.put(DEPARTMENT, departmentStillValid ? oldDepartment : keys.createDepartment(LABEL).key());
        store(file, result);
        return result;
    }

    /** The {@code schoolId=key} and {@code DEPARTMENT=key} lines of a demo key file; empty if it does not exist. */
    public static Map<String, String> read(final Path file) {
        final Map<String, String> keys = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return keys;
        }
        try {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                final int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    keys.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read demo keys from " + file, e);
        }
        return keys;
    }

    private static void store(final Path file, final Map<String, String> keys) {
        final StringBuilder text = new StringBuilder()
                .append("# EduPulse demo gateway keys, one per school: schoolId=key\n")
                .append("# and the department's, the only one that may post school records: DEPARTMENT=key\n")
                .append("# curl -H \"Authorization: Bearer KEY\" -H 'Content-Type: application/json' ")
                .append("--data-binary @event.json HTTP/api/v1/events/training\n")
                .append("#   (HTTP: the address on the demo's ready line, e.g. http://127.0.0.1:8080, or https:// with http.tls.*)\n")
                .append("# the DEPARTMENT key also traces a published value: curl -H \"Authorization: Bearer KEY\" ")
                .append("'HTTP/api/v1/lineage?unit=DB-MA&indicator=staff.active&asOf=2025-06-30'\n");
        keys.forEach((school, key) -> text.append(school).append('=').append(key).append('\n'));
        try {
            final Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            final Path temp = Files.createTempFile(dir, ".demo-keys", ".tmp");
            ownerOnly(temp);
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (final AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write demo keys to " + file, e);
        }
    }

    private static void ownerOnly(final Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
