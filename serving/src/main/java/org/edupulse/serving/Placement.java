package org.edupulse.serving;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a key's active store lives, as seen from this instance: here, on another instance (forward
 * the request there), or unknown because Streams has no host metadata (no {@code application.server}
 * configured, i.e. a single instance: answer from the local store).
 *
 * @param where  the decision
 * @param owner  the owning instance for {@link Where#REMOTE}, otherwise null
 */
record Placement(Where where, HostInfo owner) {

    /** The three routing decisions. */
    enum Where { LOCAL, REMOTE, UNKNOWN }

    static Placement of(final KeyQueryMetadata metadata, final HostInfo self) {
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new Placement(Where.UNKNOWN, null);
        }
        final HostInfo active = metadata.activeHost();
        if (active == null || active.port() < 0) {
            return new Placement(Where.UNKNOWN, null);
        }
        if (active.equals(self)) {
            return new Placement(Where.LOCAL, null);
        }
        return new Placement(Where.REMOTE, active);
    }

    /** Whether a host from Streams metadata is this instance (or has no address, i.e. is this one). */
    static boolean isSelf(final HostInfo host, final HostInfo self) {
        return host == null || host.port() < 0 || host.equals(self);
    }
}
