package org.edupulse.serving;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Security headers on every response of the query server, dashboard and API alike. The
 * Content-Security-Policy is the second wall behind the dashboard's escaping: names in the data come
 * from school reference records, and should one ever reach markup unescaped, the browser still runs
 * no inline script, no eval and nothing from another origin. The page needs only its own scripts,
 * style sheet and icon and its own API ({@code fetch}, {@code EventSource}); ECharts draws on a
 * canvas and its tooltips use classes, so no {@code 'unsafe-inline'} is needed, for styles either.
 */
final class SecurityHeaders extends Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    public void doFilter(final HttpExchange exchange, final Chain chain) throws IOException {
        final Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "Content-Security-Policy, nosniff and no-referrer on every response";
    }
}
