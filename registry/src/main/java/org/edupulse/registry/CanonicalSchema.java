package org.edupulse.registry;

import com.fasterxml.jackson.core.JacksonException;
import org.apache.avro.Schema;

/**
 * A validated Avro schema with the text that identifies it. The identity is Avro's normalised
 * {@link Schema#toString()} of the parsed schema: whitespace and key order vanish, but defaults,
 * docs, aliases, logical types and custom properties stay, because two schemas that differ in a
 * default resolve data differently and must not share an id. Avro's parsing canonical form drops
 * exactly those, so it would merge schemas that are not interchangeable.
 *
 * @param schema    the parsed schema
 * @param canonical the text stored, compared and returned for it
 */
record CanonicalSchema(Schema schema, String canonical) {

    /** Parses and validates (names, defaults) {@code text}, throwing 42201 if it is not valid Avro. */
    static CanonicalSchema parse(final String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("the schema is empty");
        }
        try {
            final Schema schema = new Schema.Parser().setValidateDefaults(true).parse(text);
            return new CanonicalSchema(schema, schema.toString());
        } catch (final RuntimeException e) {
            // Avro reports bad input through several unchecked types (parse, type, argument errors).
            throw RegistryException.invalidSchema(describe(e));
        }
    }

    /** The parser's own words, without exception class names a client has no use for. */
    private static String describe(final Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof JacksonException json) {
            return "not valid JSON: " + json.getOriginalMessage();
        }
        final String message = cause.getMessage() == null ? failure.getMessage() : cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.replaceAll("^[\\w.$]+(Exception|Error): ", "");
    }

    /** Parses text that came out of the store, where it was validated before being written. */
    static Schema parseStored(final String canonical) {
        return new Schema.Parser().parse(canonical);
    }
}
