package org.edupulse.gateway;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.edupulse.ingest.EventParser;
import org.edupulse.ingest.EventValidator;
import org.edupulse.producers.EventPublisher;
import org.edupulse.tail.TailHealth;

/**
 * The gateway's HTTP routes mounted on a server someone else owns, so the demo can serve the
 * gateway and the query API on one port. Mounts {@code /api/v1/events/} and
 * {@code /api/v1/openapi.json} only; health routes belong to whoever owns the server.
 * {@link #close()} removes the routes and closes nothing else: the publisher, the key cache and
 * the server stay the caller's.
 */
public final class GatewayHandlers implements AutoCloseable {

    private final HttpServer server;
    private final List<HttpContext> contexts;

    private GatewayHandlers(final HttpServer server, final List<HttpContext> contexts) {
        this.server = server;
        this.contexts = contexts;
    }

    /**
     * Adds the gateway's routes to {@code server}; only {@code maxBodyBytes}, {@code maxBatchEvents}
     * and {@code publishTimeout} of {@code config} are used here.
     *
     * @throws IllegalArgumentException if the server already has one of the routes
     */
    public static GatewayHandlers mount(final HttpServer server, final EventPublisher publisher,
                                        final ApiKeyCache keys, final EntityHolderCache holders,
                                        final GatewayConfig config) {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(holders, "holders");
        return mount(server, publisher::send, keys::find, holders::holderOf,
                () -> List.of(keys.health(), holders.health()), config);
    }

    /**
     * The gateway's routes by context path, for a server that mounts handlers its own way (the query
     * server adds its access log and metrics to each): {@code /api/v1/events/} and the OpenAPI document.
     */
    public static Map<String, HttpHandler> routes(final EventPublisher publisher, final ApiKeyCache keys,
                                                  final EntityHolderCache holders, final GatewayConfig config) {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(holders, "holders");
        final EventParser parser = new EventParser(new EventValidator());
        return Map.of(
                EventsHandler.PREFIX, new EventsHandler(parser, publisher::send, keys::find, holders::holderOf,
                        () -> List.of(keys.health(), holders.health()), config),
                OpenApiDocument.PATH, new OpenApiHandler(config.maxBatchEvents()));
    }

    static GatewayHandlers mount(final HttpServer server, final RecordSender sender, final KeyLookup keys,
                                 final GatewayConfig config) {
        return mount(server, sender, keys, HolderLookup.NOBODY, List::of, config);
    }

    static GatewayHandlers mount(final HttpServer server, final RecordSender sender, final KeyLookup keys,
                                 final HolderLookup holders, final Supplier<List<TailHealth>> caches,
                                 final GatewayConfig config) {
        Objects.requireNonNull(server, "server");
        final EventParser parser = new EventParser(new EventValidator());
        final HttpContext events = server.createContext(EventsHandler.PREFIX,
                new EventsHandler(parser, sender, keys, holders, caches, config));
        try {
            final HttpContext openApi = server.createContext(OpenApiDocument.PATH,
                    new OpenApiHandler(config.maxBatchEvents()));
            return new GatewayHandlers(server, List.of(events, openApi));
        } catch (final RuntimeException e) {
            server.removeContext(events);
            throw e;
        }
    }

    @Override
    public void close() {
        contexts.forEach(server::removeContext);
    }
}
