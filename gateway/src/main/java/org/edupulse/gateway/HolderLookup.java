package org.edupulse.gateway;

import java.util.Optional;
import org.edupulse.schemas.EntityKind;

/** Which school holds a person or device, as far as the gateway knows: {@code EntityHolderCache::holderOf} in production. */
@FunctionalInterface
interface HolderLookup {

    /** Nobody holds anything: for gateways mounted without a holder cache, and for tests. */
    HolderLookup NOBODY = (kind, id) -> Optional.empty();

    Optional<String> holderOf(EntityKind kind, String entityId);
}
