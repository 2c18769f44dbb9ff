package org.edupulse.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the gateway refuses, as data: the status, a stable machine-readable code, a message
 * for the school's developer and any detail fields. Thrown from deep in request handling and
 * turned into a JSON body in one place, so no refusal can leak a stack trace; it records none.
 */
final class Problem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Most per-event errors one answer lists, so a bad batch cannot make an answer of megabytes. */
    static final int MAX_LISTED_ERRORS = 100;

    private final int status;
    private final String code;
    private final Map<String, Object> details;
    private final Map<String, String> headers;

    private Problem(final int status, final String code, final String message,
                    final Map<String, Object> details, final Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
        this.headers = Map.copyOf(headers);
    }

    static Problem of(final int status, final String code, final String message) {
        return new Problem(status, code, message, Map.of(), Map.of());
    }

    static Problem badRequest(final String message) {
        return of(400, "malformed_json", message);
    }

    /** 401 with the RFC 6750 challenge; {@code error} is null when no credentials were sent. */
    static Problem unauthorized(final String error, final String message) {
        final String challenge = error == null ? "Bearer realm=\"edupulse\""
                : "Bearer realm=\"edupulse\", error=\"" + error + "\"";
        return of(401, "unauthorized", message).withHeader("WWW-Authenticate", challenge);
    }

    static Problem forbidden(final String message, final List<EventError> errors) {
        return of(403, "forbidden", message).withErrors(errors);
    }

    static Problem forbidden(final String message) {
        return of(403, "forbidden", message);
    }

    /** 403 for events about people or devices another school holds; errors name each one and its holder. */
    static Problem heldByOtherSchool(final String schoolId, final List<EventError> errors) {
        final String listed = errors.size() > MAX_LISTED_ERRORS ? "; the first " + MAX_LISTED_ERRORS + " are listed" : "";
        return of(403, "held_by_other_school", errors.size() + " event(s) concern a person or device that another"
                + " school holds, which school " + schoolId + " may not change" + listed
                + "; nothing of this request was published").withErrors(errors);
    }

    static Problem notFound(final String message) {
        return of(404, "not_found", message);
    }

    static Problem methodNotAllowed(final String method, final String allowed) {
        return of(405, "method_not_allowed", method + " is not allowed here; use " + allowed).withHeader("Allow", allowed);
    }

    static Problem tooLarge(final long maxBodyBytes) {
        return of(413, "payload_too_large", "the request body is larger than " + maxBodyBytes
                + " bytes; send fewer events per request").with("maxBodyBytes", maxBodyBytes)
                .withHeader("Connection", "close");
    }

    static Problem tooManyEvents(final int eventCount, final int maxBatchEvents) {
        return of(413, "too_many_events", "the request holds " + eventCount + " events, more than the limit of "
                + maxBatchEvents + " per request (gateway.max.batch.events); send them in several requests;"
                + " nothing of this request was published")
                .with("eventCount", eventCount).with("maxBatchEvents", maxBatchEvents);
    }

    static Problem unsupportedMediaType(final String contentType) {
        return of(415, "unsupported_media_type", "Content-Type '" + contentType
                + "' is not accepted; send application/json in UTF-8"
                + " (with curl: -H 'Content-Type: application/json', since curl's default is a form)");
    }

    static Problem invalidEvents(final List<EventError> errors) {
        final String listed = errors.size() > MAX_LISTED_ERRORS ? "; the first " + MAX_LISTED_ERRORS + " are listed" : "";
        return of(422, "invalid_events", errors.size() + " problem(s) found" + listed
                + "; nothing of this request was published").withErrors(errors);
    }

    static Problem unavailable(final String message) {
        return of(503, "publish_failed", message).with("retryable", true).withHeader("Retry-After", "5");
    }

    /** 503 while the gateway's caches of keys or holders are not caught up or failing. */
    static Problem notReady(final String message) {
        return of(503, "not_ready", message).with("retryable", true).withHeader("Retry-After", "5");
    }

    Problem with(final String field, final Object value) {
        final Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(field, value);
        return new Problem(status, code, getMessage(), more, headers);
    }

    /**
     * {@code errors} holds at most {@link #MAX_LISTED_ERRORS}, the first ones in request order;
     * {@code errorCount} says how many there were and {@code errorsTruncated} whether some were left out.
     */
    private Problem withErrors(final List<EventError> errors) {
        final boolean truncated = errors.size() > MAX_LISTED_ERRORS;
        return with("errors", truncated ? List.copyOf(errors.subList(0, MAX_LISTED_ERRORS)) : List.copyOf(errors))
                .with("errorCount", errors.size())
                .with("errorsTruncated", truncated);
    }

    Problem withHeader(final String name, final String value) {
        final Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, code, getMessage(), details, more);
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** {@code {"status":..,"error":..,"message":..}} followed by the details in insertion order. */
    Map<String, Object> body() {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", code);
        body.put("message", getMessage());
        details.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> body.put(e.getKey(), e.getValue()));
        return body;
    }
}
