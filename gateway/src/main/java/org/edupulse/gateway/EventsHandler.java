package org.edupulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.edupulse.ingest.EventParser;
import org.edupulse.ingest.EventType;
import org.edupulse.ingest.ParseResult;
import org.edupulse.ingest.Violation;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import org.edupulse.schemas.EntityKind;
import org.edupulse.tail.TailHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/events/{type}}: one JSON event or an array of them, from a school system
 * holding that school's key or from the department holding a department key. Checks run cheapest
 * first and each refuses the whole request: method (405), type (404), the gateway's caches of keys
 * and holders read and followed (503), key (401), school records from a school key (403: reference
 * data belongs to the department), media type (415), size (413), JSON shape (400), number of events
 * (413), school of every event for a school key (403), for a school key the person or device of
 * every staff, certification and device event not held by another school (403), content of every
 * event (422). Only then is anything sent, and 202 is answered once Kafka has acknowledged every
 * event with acks=all. Error lists are cut at {@link Problem#MAX_LISTED_ERRORS}.
 *
 * <p>The holder check answers from a cache that may lag the pipeline by a poll or two; the
 * pipeline's rules core stays the authority and refuses, as a quality finding, what slips through.
 *
 * <p>If publishing fails part-way the answer is 503 and some events of the batch may already be
 * in Kafka. Sending the same request again is safe: every event carries an id, given by the
 * client or derived deterministically from its content by {@link EventParser}, the indicators
 * count an id once, and School records are compacted by school id.
 */
final class EventsHandler implements HttpHandler {

    static final String PREFIX = "/api/v1/events/";

    private static final Logger LOG = LoggerFactory.getLogger(EventsHandler.class);

    private final EventParser parser;
    private final RecordSender sender;
    private final KeyLookup keys;
    private final HolderLookup holders;
    private final Supplier<List<TailHealth>> caches;
    private final long maxBodyBytes;
    private final int maxBatchEvents;
    private final Duration publishTimeout;

    EventsHandler(final EventParser parser, final RecordSender sender, final KeyLookup keys, final HolderLookup holders,
                  final Supplier<List<TailHealth>> caches, final GatewayConfig config) {
        this.parser = parser;
        this.sender = sender;
        this.keys = keys;
        this.holders = holders;
        this.caches = caches;
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxBatchEvents = config.maxBatchEvents();
        this.publishTimeout = config.publishTimeout();
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final RequestTrace trace = new RequestTrace(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        int status = 500;
        try {
            final Map<String, Object> accepted = accept(exchange, trace);
            status = 202;
            JsonResponses.send(exchange, status, accepted);
        } catch (final Problem problem) {
            status = problem.status();
            JsonResponses.send(exchange, problem);
        } catch (final IOException | RuntimeException e) {
            LOG.error("Unexpected failure handling {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            status = 500;
            JsonResponses.send(exchange, Problem.of(500, "internal_error", "unexpected error; see the gateway log"));
        } finally {
            trace.log(status);
        }
    }

    private Map<String, Object> accept(final HttpExchange exchange, final RequestTrace trace) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw Problem.methodNotAllowed(exchange.getRequestMethod(), "POST");
        }
        final EventType type = typeOf(exchange.getRequestURI().getPath());
        requireCachesReady();
        final ApiKey key = ApiKeyAuthentication.require(keys, exchange.getRequestHeaders().getFirst("Authorization"));
        trace.authenticated(key.getSchoolId(), key.getKeyId());
        authorize(key, type);
        ContentTypes.requireJson(exchange.getRequestHeaders().getFirst("Content-Type"));
        final byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = BodyReader.read(exchange.getRequestHeaders().getFirst("Content-Length"), in, maxBodyBytes);
        }
        final List<JsonNode> events = EventsBody.parse(body, maxBatchEvents);
        trace.events(events.size());
        authorize(key, events);
        authorizeCustody(key, type, events);
        final List<SpecificRecord> records = validate(type, events);
        publish(records);
        return accepted(type, key, records);
    }

    static EventType typeOf(final String path) {
        final String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        final Optional<EventType> type = name.isEmpty() || name.contains("/") ? Optional.empty() : EventType.fromCliName(name);
        return type.orElseThrow(() -> Problem.notFound("unknown event type '" + name + "'; known types: "
                + String.join(", ", knownTypes())).with("knownTypes", knownTypes()));
    }

    private static List<String> knownTypes() {
        return Arrays.stream(EventType.values()).map(EventType::cliName).toList();
    }

    /** School records are the department's reference data: a school's key may not rename or move any school. */
    private static void authorize(final ApiKey key, final EventType type) {
        if (type == EventType.SCHOOL && key.getScope() != ApiKeyScope.DEPARTMENT) {
            throw Problem.forbidden("school records (name, commune, district, province) are the department's reference"
                    + " data and are accepted only with a department key, not with key " + key.getKeyId()
                    + " of school " + key.getSchoolId() + "; nothing of this request was published");
        }
    }

    /**
     * Compares the raw schoolId before validation, so a foreign event is refused whatever else is
     * wrong with it. A department key writes for any school.
     */
    private static void authorize(final ApiKey key, final List<JsonNode> events) {
        if (key.getScope() == ApiKeyScope.DEPARTMENT) {
            return;
        }
        final List<EventError> foreign = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            final JsonNode schoolId = events.get(i).get(EventType.SCHOOL_ID);
            if (schoolId != null && schoolId.isValueNode() && !schoolId.isNull()
                    && !schoolId.asText().trim().equals(key.getSchoolId())) {
                foreign.add(new EventError(i, EventType.SCHOOL_ID, "this key writes for school " + key.getSchoolId()
                        + " only, not for '" + schoolId.asText() + "'"));
            }
        }
        if (!foreign.isEmpty()) {
            throw Problem.forbidden("the key of school " + key.getSchoolId() + " may not write events of other schools; "
                    + "nothing of this request was published", foreign);
        }
    }

    /**
     * A key or a revocation the gateway has not read is a hole: while either cache has not caught up
     * or is failing, the gateway takes nothing rather than answer from a view it cannot trust.
     */
    private void requireCachesReady() {
        final List<String> problems = caches.get().stream().filter(health -> !health.healthy())
                .map(health -> health.name() + " " + health.problem()).toList();
        if (!problems.isEmpty()) {
            throw Problem.notReady("the gateway cannot trust its view of keys and holders right now ("
                    + String.join("; ", problems) + "); nothing of this request was published, retry later");
        }
    }

    /**
     * A school may change only the people and devices it holds (or nobody holds): compares the raw,
     * trimmed id before validation, as the parser reads it. A department key acts for any school.
     */
    private void authorizeCustody(final ApiKey key, final EventType type, final List<JsonNode> events) {
        if (key.getScope() == ApiKeyScope.DEPARTMENT) {
            return;
        }
        final String field;
        final EntityKind kind;
        switch (type) {
            case STAFF, CERTIFICATION -> {
                field = "staffId";
                kind = EntityKind.PERSON;
            }
            case DEVICE -> {
                field = "deviceId";
                kind = EntityKind.DEVICE;
            }
            default -> {
                return;
            }
        }
        final List<EventError> held = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            final JsonNode id = events.get(i).get(field);
            if (id == null || !id.isValueNode() || id.isNull() || id.asText().trim().isEmpty()) {
                continue;
            }
            final String entityId = id.asText().trim();
            final Optional<String> holder = holders.holderOf(kind, entityId);
            if (holder.isPresent() && !holder.get().equals(key.getSchoolId())) {
                held.add(new EventError(i, field, heldBy(kind, entityId, holder.get(), key.getSchoolId())));
            }
        }
        if (!held.isEmpty()) {
            throw Problem.heldByOtherSchool(key.getSchoolId(), held);
        }
    }

    private static String heldBy(final EntityKind kind, final String entityId, final String holder, final String school) {
        final String what = kind == EntityKind.PERSON ? "staff " + entityId + " is on the roster of school " + holder
                : "device " + entityId + " is held by school " + holder;
        return what + "; school " + holder + " (or the department) must first post RELEASED before school " + school
                + " may post about " + (kind == EntityKind.PERSON ? "them" : "it");
    }

    private List<SpecificRecord> validate(final EventType type, final List<JsonNode> events) {
        final List<SpecificRecord> records = new ArrayList<>(events.size());
        final List<EventError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            final ParseResult result = parser.parseJson(type, events.get(i));
            if (result.isValid()) {
                records.add(result.record());
            } else {
                for (final Violation violation : result.violations()) {
                    errors.add(new EventError(i, violation.field(), violation.reason()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalidEvents(errors);
        }
        return records;
    }

    private void publish(final List<SpecificRecord> records) {
        final List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            records.forEach(record -> acks.add(sender.send(record)));
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final ExecutionException e) {
            throw unavailable(acks, e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (final TimeoutException e) {
            throw unavailable(acks, "Kafka did not acknowledge the events within " + publishTimeout);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(acks, "the gateway is shutting down");
        } catch (final RuntimeException e) {
            throw unavailable(acks, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Problem unavailable(final List<CompletableFuture<RecordMetadata>> acks, final String reason) {
        final long done = acks.stream().filter(a -> a.isDone() && !a.isCompletedExceptionally()).count();
        LOG.warn("Publishing failed after {} acknowledged event(s): {}", done, reason);
        return Problem.unavailable("could not publish the events: " + reason + "; some may have been written, "
                + "resending the same request is safe because event ids are deduplicated");
    }

    private static Map<String, Object> accepted(final EventType type, final ApiKey key, final List<SpecificRecord> records) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", records.size());
        body.put("type", type.cliName());
        body.put("schoolId", key.getSchoolId());
        if (type.hasEventId()) {
            final int pos = type.schema().getField(EventType.EVENT_ID).pos();
            body.put("eventIds", records.stream().map(r -> String.valueOf(r.get(pos))).toList());
        }
        return body;
    }
}
