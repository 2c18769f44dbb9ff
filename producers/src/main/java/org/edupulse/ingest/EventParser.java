package org.edupulse.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one way text becomes a publishable record, shared by the file importer and the HTTP
 * gateway so both accept exactly the same input: field names checked against the contract,
 * values converted strictly, the event id derived when absent, then the semantic checks of
 * {@link EventValidator}. Thread-safe.
 */
public final class EventParser {

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(JsonNode.class);

    private final EventValidator validator;

    public EventParser(final EventValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Parses one flat field map. Values are strings, lists of strings (array fields such as
     * {@code staffIds}) or null (absent).
     */
    public ParseResult parse(final EventType type, final Map<String, ?> fields) {
        return parse(type, fields, new Violations());
    }

    /** Parses one JSON object, the body the gateway receives and one NDJSON line. */
    public ParseResult parseJson(final EventType type, final JsonNode node) {
        if (node == null || !node.isObject()) {
            final String found = node == null ? "nothing" : node.getNodeType().toString();
            return ParseResult.invalid(List.of(new Violation(Violation.LINE, "expected a JSON object, found " + found)));
        }
        final Violations violations = new Violations();
        return parse(type, JsonFields.toFieldMap(node, violations), violations);
    }

    /** Parses one line of NDJSON text; malformed JSON is a single {@code (line)} violation. */
    public ParseResult parseJsonLine(final EventType type, final String line) {
        final JsonNode node;
        try {
            node = JSON.readValue(line);
        } catch (JacksonException e) {
            return ParseResult.invalid(List.of(new Violation(Violation.LINE, "malformed JSON: " + e.getOriginalMessage())));
        }
        return parseJson(type, node);
    }

    private ParseResult parse(final EventType type, final Map<String, ?> fields, final Violations violations) {
        checkUnknownFields(type, fields.keySet(), violations);
        final SpecificRecord record = type.mapper().map(new FieldReader(fields, violations));
        if (type.hasEventId()) {
            final int pos = type.schema().getField(EventType.EVENT_ID).pos();
            if (record.get(pos) == null) {
                record.put(pos, EventIds.derive(type, record));
            }
        }
        violations.addAll(validator.validate(record));
        return violations.isEmpty() ? ParseResult.valid(record) : ParseResult.invalid(violations.toList());
    }

    private static void checkUnknownFields(final EventType type, final Set<String> names, final Violations violations) {
        for (final String name : names) {
            if (!type.fields().contains(name)) {
                final String sameButCase = type.fields().stream().filter(name::equalsIgnoreCase).findFirst()
                        .map(field -> " (names are case-sensitive: did you mean '" + field + "'?)").orElse("");
                violations.add(name, "unknown field '" + name + "' for " + type.cliName() + sameButCase
                        + "; expected: " + String.join(", ", type.fields()));
            }
        }
    }
}
