package org.edupulse.serving;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes a {@link Reply} to an exchange: the one place responses leave the server. */
final class Exchanges {

    /** Header a forwarding instance sets, so the owner answers from its own stores and never forwards again. */
    static final String FORWARDED_BY = "X-EduPulse-Forwarded-By";
    /** Header naming the instance ({@code host:port}) whose store answered. */
    static final String SERVED_BY = "X-EduPulse-Served-By";

    private Exchanges() {
    }

    static void send(final HttpExchange exchange, final Reply reply) throws IOException {
        for (final Map.Entry<String, String> header : reply.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), head ? -1 : (reply.body().length == 0 ? -1 : reply.body().length));
        if (!head && reply.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
        exchange.close();
    }

    /** Whether another instance forwarded this request. */
    static boolean forwarded(final HttpExchange exchange) {
        return exchange.getRequestHeaders().getFirst(FORWARDED_BY) != null;
    }
}
