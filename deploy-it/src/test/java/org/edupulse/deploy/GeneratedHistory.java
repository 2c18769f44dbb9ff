package org.edupulse.deploy;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.School;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;

/**
 * A history as large as a test asks for: the calibrated Điện Biên history, then further seeds of
 * it with their ids made distinct (same schools, other staff, devices, sessions and event ids),
 * interleaved so that event time advances alike in all of them, cut at the requested count.
 */
final class GeneratedHistory {

    private static final List<String> ID_FIELDS = List.of("eventId", "staffId", "deviceId", "sessionId");

    private GeneratedHistory() {
    }

    static List<SimulatedEvent> of(final int count) {
        final HistoryGenerator generator = new HistoryGenerator();
        final List<SimulatedEvent> first = generator.events(Profile.DIEN_BIEN_2025, HistoryGenerator.DEFAULT_SEED);
        // One version per school: which dated version is in force depends on how far event time has
        // gone in each task, while the independent fold takes the latest; a cut history would differ.
        final List<SimulatedEvent> schools = first.stream().filter(e -> e.value() instanceof School)
                .filter(distinctBy(e -> ((School) e.value()).getSchoolId())).toList();
        final List<List<SimulatedEvent>> copies = new ArrayList<>();
        copies.add(first.stream().filter(e -> !(e.value() instanceof School)).toList());
        int total = first.size();
        for (int copy = 1; total < count; copy++) {
            final String suffix = "-c" + copy;
            final List<SimulatedEvent> events = new ArrayList<>();
            for (final SimulatedEvent event : generator.events(Profile.DIEN_BIEN_2025, HistoryGenerator.DEFAULT_SEED + copy)) {
                if (!(event.value() instanceof School)) {
                    events.add(new SimulatedEvent(event.topic(), event.key(), withDistinctIds(event.value(), suffix)));
                }
            }
            copies.add(events);
            total += events.size();
        }
        final List<SimulatedEvent> all = new ArrayList<>(schools);
        final int longest = copies.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest && all.size() < count; i++) {
            for (final List<SimulatedEvent> copy : copies) {
                if (i < copy.size() && all.size() < count) {
                    all.add(copy.get(i));
                }
            }
        }
        return all;
    }

    private static <T> java.util.function.Predicate<T> distinctBy(final java.util.function.Function<T, String> key) {
        final java.util.Set<String> seen = new java.util.HashSet<>();
        return item -> seen.add(key.apply(item));
    }

    /** Renames the ids in place: each copy's records are freshly generated and belong to it alone. */
    private static SpecificRecord withDistinctIds(final SpecificRecord copy, final String suffix) {
        final Schema schema = copy.getSchema();
        for (final String name : ID_FIELDS) {
            final Schema.Field field = schema.getField(name);
            if (field != null && copy.get(field.pos()) != null) {
                copy.put(field.pos(), copy.get(field.pos()) + suffix);
            }
        }
        final Schema.Field staffIds = schema.getField("staffIds");
        if (staffIds != null && copy.get(staffIds.pos()) instanceof List<?> ids) {
            copy.put(staffIds.pos(), ids.stream().map(id -> id + suffix).toList());
        }
        return copy;
    }
}
