package org.edupulse.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.edupulse.serde.HttpTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the instance that owns a key (or a share of the list) for its answer. The request carries
 * {@link Exchanges#FORWARDED_BY}, so the owner answers from its own stores and never forwards again:
 * a request makes at most one hop even while two instances disagree about ownership.
 */
final class Forwarder {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final HttpClient client;
    private final String scheme;
    private final String self;
    private final Duration timeout;

    /** With {@code tls} (or null for plain HTTP): instances reach each other over HTTPS, trusting its certificate. */
    Forwarder(final HostInfo self, final Duration timeout, final HttpTls tls) {
        final HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout);
        if (tls != null) {
            builder.sslContext(tls.clientContext());
        }
        this.client = builder.build();
        this.scheme = HttpTls.scheme(tls);
        this.self = self.host() + ":" + self.port();
        this.timeout = timeout;
    }

    /** The owner's reply to {@code GET pathAndQuery}, or a 503 if it cannot be reached. */
    Reply get(final HostInfo owner, final String pathAndQuery) {
        final String target = scheme + "://" + owner.host() + ":" + owner.port() + pathAndQuery;
        try {
            final HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
                    .header(Exchanges.FORWARDED_BY, self).GET().build();
            final HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            final Map<String, String> headers = new LinkedHashMap<>();
            for (final String name : new String[] {"Retry-After", Exchanges.SERVED_BY}) {
                response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
            }
            return new Reply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(Reply.JSON_TYPE), response.body(), headers);
        } catch (final IOException e) {
            LOG.warn("Forwarding to {} failed: {}", target, e.toString());
            return Reply.unavailable("the instance holding this data (" + owner.host() + ":" + owner.port()
                    + ") did not answer; retry shortly");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.unavailable("interrupted while asking " + owner.host() + ":" + owner.port());
        }
    }
}
