package org.edupulse.serving;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request ({@code method=GET path=/api/v1/districts status=200 ...}) and a
 * request timer, around every context. It is also the last line of defence: a handler that throws
 * still answers 500 with a JSON body, the stack trace goes to the server log only, and a client
 * that hangs up is a debug line, not an error.
 */
final class AccessLog extends Filter {

    private static final Logger ACCESS = LoggerFactory.getLogger("org.edupulse.serving.access");
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

    private final String context;
    private final ServingMetrics metrics;

    AccessLog(final String context, final ServingMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(final HttpExchange exchange, final Chain chain) throws IOException {
        final long start = System.nanoTime();
        try {
            chain.doFilter(exchange);
        } catch (final IOException e) {
            LOG.debug("Client connection ended early on {}: {}", exchange.getRequestURI(), e.toString());
        } catch (final RuntimeException e) {
            LOG.error("Unexpected failure answering {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            if (exchange.getResponseCode() < 0) {
                Exchanges.send(exchange, Reply.error(500, "internal error; the server log has the details"));
            }
        } finally {
            final Duration duration = Duration.ofNanos(System.nanoTime() - start);
            final int status = exchange.getResponseCode();
            metrics.request(context, exchange.getRequestMethod(), status, duration);
            final String forwardedBy = exchange.getRequestHeaders().getFirst(Exchanges.FORWARDED_BY);
            ACCESS.info("method={} path={} status={} durationMs={} remote={} forwardedBy={}",
                    exchange.getRequestMethod(), exchange.getRequestURI(), status,
                    duration.toMillis(), exchange.getRemoteAddress().getAddress().getHostAddress(),
                    forwardedBy == null ? "-" : forwardedBy);
            exchange.close();
        }
    }

    @Override
    public String description() {
        return "access log and last-resort error answer";
    }
}
