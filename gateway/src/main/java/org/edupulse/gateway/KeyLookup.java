package org.edupulse.gateway;

import java.util.Optional;
import org.edupulse.schemas.ApiKey;

/** Finds the key record of a presented key, revoked or not: {@code ApiKeyCache::find} in production. */
@FunctionalInterface
public interface KeyLookup {

    Optional<ApiKey> find(String presentedKey);
}
