package org.edupulse.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one order in which the events of an entity are applied: by {@code occurredAt}, ties by event
 * id. It is a property of the events alone, so a fold gives the same state whatever order the log
 * delivered them in, and a late event lands where it happened rather than where it arrived.
 */
final class EventOrder {

    private EventOrder() {
    }

    static <E> Comparator<E> of(final Function<E, Instant> occurredAt, final Function<E, String> eventId) {
        return Comparator.comparing(occurredAt).thenComparing(eventId);
    }

    /**
     * One event per id, in event order. Copies with equal content are the same event delivered twice;
     * an id seen with other content keeps the copy that comes first in event order (ties by the text
     * of the record, so the choice never depends on arrival) and refuses the others.
     */
    static <E> List<E> distinct(final Collection<? extends E> events, final Comparator<E> order,
                                final Function<E, String> eventId, final Function<E, String> schoolId,
                                final Function<E, String> entityId, final List<Refusal> refusals) {
        final Comparator<E> canonical = order.thenComparing(String::valueOf);
        final List<E> sorted = new ArrayList<>(events);
        sorted.sort(canonical);
        final Map<String, E> first = new LinkedHashMap<>();
        for (final E event : sorted) {
            final E kept = first.putIfAbsent(eventId.apply(event), event);
            if (kept != null && !kept.equals(event)) {
                refusals.add(new Refusal(Refusal.EVENT_ID_CONFLICT, entityId.apply(event), eventId.apply(event),
                        schoolId.apply(event), "event id " + eventId.apply(event) + " was already used for other content"
                        + " (posted by school " + schoolId.apply(kept) + "); this copy is not counted", event));
            }
        }
        return new ArrayList<>(first.values());
    }
}
