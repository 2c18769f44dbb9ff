package org.edupulse.registry;

/**
 * What a handler answers: a status and either an object for Jackson to write or JSON text that is
 * already serialised (a raw schema).
 */
record Response(int status, Object body, String rawJson) {

    static Response ok(final Object body) {
        return new Response(200, body, null);
    }

    static Response rawJson(final String json) {
        return new Response(200, null, json);
    }
}
