package org.edupulse.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.edupulse.schemas.ApiKey;
import org.edupulse.tail.TailHealth;

/**
 * The one check of a presented key, for the gateway's event route and for routes mounted beside it
 * on the query server (the lineage): missing or malformed {@code Authorization: Bearer}, unknown or
 * revoked key are 401 with the RFC 6750 challenge, and while the key cache has not caught up or is
 * failing every request is 503, since a revocation it has not read would let a revoked key in. The
 * refusals are the gateway's JSON problems, so a client sees the same answers on every route.
 */
public final class ApiKeyAuthentication {

    private final KeyLookup keys;
    private final Supplier<TailHealth> cache;

    /**
     * @param keys  finds the record of a presented key, revoked or not
     * @param cache the health of the cache {@code keys} answers from
     */
    public ApiKeyAuthentication(final KeyLookup keys, final Supplier<TailHealth> cache) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** Checks keys against {@code keys}, the cache the mounted gateway also uses. */
    public static ApiKeyAuthentication of(final ApiKeyCache keys) {
        Objects.requireNonNull(keys, "keys");
        return new ApiKeyAuthentication(keys::find, keys::health);
    }

    /**
     * The active key presented with {@code exchange}; otherwise the refusal (401, or 503 while the
     * cache is not to be trusted) has been answered and the result is empty.
     */
    public Optional<ApiKey> authenticate(final HttpExchange exchange) throws IOException {
        try {
            final TailHealth health = cache.get();
            if (!health.healthy()) {
                throw Problem.notReady("the server cannot trust its view of API keys right now (" + health.name() + " "
                        + health.problem() + "); retry later");
            }
            return Optional.of(require(keys, exchange.getRequestHeaders().getFirst("Authorization")));
        } catch (final Problem problem) {
            JsonResponses.send(exchange, problem);
            return Optional.empty();
        }
    }

    /** Answers 403 with the gateway's problem body: the key is valid but may not do this. */
    public static void forbid(final HttpExchange exchange, final String message) throws IOException {
        JsonResponses.send(exchange, Problem.forbidden(message));
    }

    /** The active key in an {@code Authorization} header value, or a 401 problem saying why not. */
    static ApiKey require(final KeyLookup keys, final String authorization) {
        final String presented = BearerToken.from(authorization);
        final ApiKey key = keys.find(presented)
                .orElseThrow(() -> Problem.unauthorized("invalid_token", "unknown API key"));
        if (key.getRevokedAt() != null) {
            throw Problem.unauthorized("invalid_token", "API key " + key.getKeyId() + " was revoked at " + key.getRevokedAt());
        }
        return key;
    }
}
