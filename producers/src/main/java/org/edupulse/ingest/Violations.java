package org.edupulse.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects violations in the order found, keeping the first per field: a field has one value, so
 * its first problem is the one to fix, and a later check (say, the validator's range check on a
 * value that did not even parse) would only repeat it.
 */
final class Violations {

    private final Map<String, Violation> byField = new LinkedHashMap<>();

    void add(final String field, final String reason) {
        byField.putIfAbsent(field, new Violation(field, reason));
    }

    void addAll(final List<Violation> violations) {
        violations.forEach(v -> add(v.field(), v.reason()));
    }

    boolean isEmpty() {
        return byField.isEmpty();
    }

    List<Violation> toList() {
        return List.copyOf(byField.values());
    }
}
