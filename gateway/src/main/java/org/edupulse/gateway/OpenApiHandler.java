package org.edupulse.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/** Serves the OpenAPI document, built once: it depends only on the compiled contracts and the batch limit. */
final class OpenApiHandler implements HttpHandler {

    private final byte[] document;

    OpenApiHandler(final int maxBatchEvents) {
        try {
            this.document = JsonResponses.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(OpenApiDocument.create(maxBatchEvents));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot render the OpenAPI document", e);
        }
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final RequestTrace trace = new RequestTrace(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        final String method = exchange.getRequestMethod();
        if (!exchange.getRequestURI().getPath().equals(OpenApiDocument.PATH)) {
            send(exchange, trace, Problem.notFound("no such resource; the OpenAPI document is at " + OpenApiDocument.PATH));
        } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
            send(exchange, trace, Problem.methodNotAllowed(method, "GET"));
        } else {
            JsonResponses.send(exchange, 200, document, Map.of());
            trace.log(200);
        }
    }

    private static void send(final HttpExchange exchange, final RequestTrace trace, final Problem problem) throws IOException {
        JsonResponses.send(exchange, problem);
        trace.log(problem.status());
    }
}
