package org.edupulse.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads typed values out of a flat field map (a CSV row or a JSON object) and hands each one that
 * converts to a setter, recording a {@link Violation} for each one that does not. Mappers stay
 * one line per field, and a row reports all of its problems at once.
 *
 * <p>Values are {@code String}, {@code List<String>} (for array fields) or {@code null}. Strings
 * are trimmed; a blank or null value counts as absent.
 */
final class FieldReader {

    private final Map<String, ?> fields;
    private final Violations violations;

    FieldReader(final Map<String, ?> fields, final Violations violations) {
        this.fields = fields;
        this.violations = violations;
    }

    void requiredString(final String name, final Consumer<String> setter) {
        required(name, Function.identity(), setter);
    }

    void optionalString(final String name, final Consumer<String> setter) {
        final String text = text(name);
        if (text != null) {
            setter.accept(text);
        }
    }

    void requiredInt(final String name, final Consumer<Integer> setter) {
        required(name, TextValues::wholeNumber, setter);
    }

    void requiredDouble(final String name, final Consumer<Double> setter) {
        required(name, TextValues::decimalNumber, setter);
    }

    void requiredBoolean(final String name, final Consumer<Boolean> setter) {
        required(name, TextValues::flag, setter);
    }

    void requiredInstant(final String name, final Consumer<Instant> setter) {
        required(name, TextValues::instant, setter);
    }

    void requiredDate(final String name, final Consumer<LocalDate> setter) {
        required(name, TextValues::date, setter);
    }

    <E extends Enum<E>> void requiredEnum(final String name, final Class<E> type, final Consumer<E> setter) {
        required(name, text -> TextValues.symbol(text, type), setter);
    }

    /** A symbol of {@code type} when the field is present and not blank; absent leaves the default. */
    <E extends Enum<E>> void optionalEnum(final String name, final Class<E> type, final Consumer<E> setter) {
        optional(name, text -> TextValues.symbol(text, type), setter);
    }

    /**
     * A boolean word ({@code true/false/yes/no/1/0}, any case) when the field is present and not
     * blank, else {@code absent}; any other word is a violation naming the field.
     */
    void optionalBoolean(final String name, final boolean absent, final Consumer<Boolean> setter) {
        setter.accept(absent);
        optional(name, TextValues::flag, setter);
    }

    /** A list of non-blank strings; absent means empty. */
    void optionalStringList(final String name, final Consumer<List<String>> setter) {
        final List<String> items = list(name, "strings");
        if (items != null) {
            setter.accept(items);
        }
    }

    /**
     * A list of symbols of {@code type}, each once; absent or empty leaves the default (null, "not
     * stated"). Each entry that is no symbol is a violation naming the field and the entry.
     */
    <E extends Enum<E>> void optionalEnumList(final String name, final Class<E> type, final Consumer<List<E>> setter) {
        final List<String> items = list(name, "symbols");
        if (items == null || items.isEmpty()) {
            return;
        }
        final List<E> symbols = new ArrayList<>(items.size());
        boolean valid = true;
        for (int i = 0; i < items.size(); i++) {
            try {
                symbols.add(TextValues.symbol(items.get(i), type));
            } catch (IllegalArgumentException e) {
                violations.add(name, "list entry " + (i + 1) + ": " + e.getMessage());
                valid = false;
            }
        }
        if (valid) {
            setter.accept(List.copyOf(symbols));
        }
    }

    /** The trimmed entries of a list field, empty when absent, or null (after a violation) when it is no list. */
    private List<String> list(final String name, final String what) {
        final Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            violations.add(name, "must be a list of " + what + " (a JSON array, or ';'-separated in CSV)");
            return null;
        }
        final List<String> items = new ArrayList<>();
        for (final Object item : (List<?>) value) {
            final String text = item == null ? "" : item.toString().trim();
            if (text.isEmpty()) {
                violations.add(name, "list entry " + (items.size() + 1) + " is blank");
                return null;
            }
            items.add(text);
        }
        return List.copyOf(items);
    }

    private <T> void optional(final String name, final Function<String, T> convert, final Consumer<T> setter) {
        final String text = text(name);
        if (text == null) {
            return;
        }
        try {
            setter.accept(convert.apply(text));
        } catch (IllegalArgumentException e) {
            violations.add(name, e.getMessage());
        }
    }

    private <T> void required(final String name, final Function<String, T> convert, final Consumer<T> setter) {
        final String text = text(name);
        if (text == null) {
            violations.add(name, "missing required field");
            return;
        }
        try {
            setter.accept(convert.apply(text));
        } catch (IllegalArgumentException e) {
            violations.add(name, e.getMessage());
        }
    }

    private String text(final String name) {
        final Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?>) {
            violations.add(name, "must be a single value, not a list");
            return null;
        }
        final String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }
}
