package org.edupulse.gateway;

import java.time.Instant;
import java.util.Objects;
import org.edupulse.schemas.ApiKeyScope;

/**
 * A key just created: the only time the plain key exists outside the school's system, so the
 * caller must show or store it now. {@link #toString()} masks the secret so the record can be
 * logged safely.
 *
 * @param key       the full key to send as {@code Authorization: Bearer KEY}
 * @param keyId     the public key id, for listings and {@code keys revoke}
 * @param scope     SCHOOL (one school's events) or DEPARTMENT (school records, any school's events)
 * @param schoolId  the only school a SCHOOL key may write for; {@value ApiKeys#ANY_SCHOOL} for a DEPARTMENT key
 * @param createdAt when it was created
 */
public record CreatedKey(String key, String keyId, ApiKeyScope scope, String schoolId, Instant createdAt) {

    public CreatedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(schoolId, "schoolId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "CreatedKey[keyId=" + keyId + ", scope=" + scope + ", schoolId=" + schoolId + ", createdAt=" + createdAt + ", key=ep_" + keyId + "_***]";
    }
}
