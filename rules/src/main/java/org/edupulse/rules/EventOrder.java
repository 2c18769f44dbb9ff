package org.edupulse.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one order in which the events of an entity are applied: by {@code occurredAt}, ties by event
 * id. It is a property of the events alone, so a fold gives the same state whatever order the log
 * delivered them in, and a late event lands where it happened rather than where it arrived.
 */
final class EventOrder {

    /** Events up to this many are de-duplicated by comparing ids one by one. */
    static final int FEW = 16;

    private EventOrder() {
    }

    /**
     * The order of one kind of event: by {@code occurredAt}, ties by event id, then by the text of the
     * record (copies that share both), so that {@link #distinct} never depends on arrival. Built once per kind.
     */
    static <E> Comparator<E> of(final Function<E, Instant> occurredAt, final Function<E, String> eventId) {
        return Comparator.comparing(occurredAt).thenComparing(eventId).thenComparing(String::valueOf);
    }

    /**
     * One event per id, in event order. Copies with equal content are the same event delivered twice;
     * an id seen with other content keeps the copy that comes first in event order (ties by the text
     * of the record, so the choice never depends on arrival) and refuses the others.
     *
     * @param order the kind's {@link #of} order
     */
    static <E> List<E> distinct(final Collection<? extends E> events, final Comparator<E> order,
                                final Function<E, String> eventId, final Function<E, String> schoolId,
                                final Function<E, String> entityId, final List<Refusal> refusals) {
        final List<E> sorted = new ArrayList<>(events);
        sorted.sort(order);
        final List<E> kept = new ArrayList<>(sorted.size());
        // Most entities hold a few events: the copy kept for an id is found among them without a map.
        final Map<String, E> byId = sorted.size() > FEW ? new HashMap<>() : null;
        for (final E event : sorted) {
            final String id = eventId.apply(event);
            final E first = byId != null ? byId.putIfAbsent(id, event) : keptWithId(kept, eventId, id);
            if (first == null) {
                kept.add(event);
            } else if (!first.equals(event)) {
                refusals.add(new Refusal(Refusal.EVENT_ID_CONFLICT, entityId.apply(event), id,
                        schoolId.apply(event), "event id " + id + " was already used for other content"
                        + " (posted by school " + schoolId.apply(first) + "); this copy is not counted", event));
            }
        }
        return kept;
    }

    private static <E> E keptWithId(final List<E> kept, final Function<E, String> eventId, final String id) {
        for (final E event : kept) {
            if (Objects.equals(eventId.apply(event), id)) {
                return event;
            }
        }
        return null;
    }
}
