package org.edupulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.School;
import org.edupulse.serde.AvroSerializer;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;

/**
 * Any number of realistic, valid events, quickly: the simulator's {@code dien-bien-2025} history
 * repeated as independent copies of the province. Copy 0 is the history itself; copy {@code c ≥ 1}
 * has every school, person, device, session and event id suffixed with {@code -c<c>}, so it is a
 * province of its own in the same districts (the pipeline sees new entities, not re-sends). All
 * copies' schools come first, then the events of all copies interleaved event by event, so the
 * stream stays in the history's publish order (event time with its realistic late and duplicated
 * events) whatever the count.
 */
final class EventCorpus {

    /** Fields that identify an entity or an event; district, province and commune ids are shared. */
    private static final Set<String> ID_FIELDS = Set.of("eventId", "schoolId", "staffId", "deviceId", "sessionId");

    static {
        // Avro 1.12 loads generated classes only when trusted; the serde installs that trust when its
        // class initialises, and the plain writers here may run before any serde does.
        try {
            Class.forName(AvroSerializer.class.getName(), true, EventCorpus.class.getClassLoader());
        } catch (final ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<SimulatedEvent> schools = new ArrayList<>();
    private final List<SimulatedEvent> events = new ArrayList<>();

    EventCorpus(final Profile profile, final long seed) {
        for (final SimulatedEvent event : new HistoryGenerator().events(profile, seed)) {
            (event.value() instanceof School ? schools : events).add(event);
        }
    }

    /** The reference dataset: dien-bien-2025 with the default seed. */
    static EventCorpus dienBien() {
        return new EventCorpus(Profile.DIEN_BIEN_2025, HistoryGenerator.DEFAULT_SEED);
    }

    /** The district each school of copy 0 reports to now: what live events are attributed to. */
    Map<String, String> districtOfSchool() {
        return LatencyScenario.districtOf(schools.stream().map(e -> (School) e.value()).toList());
    }

    /** Records in one copy of the history (schools and events). */
    int historySize() {
        return schools.size() + events.size();
    }

    /** The first {@code count} records of the copied stream, lazily built. */
    Iterator<SimulatedEvent> stream(final long count) {
        return stream(count, 0);
    }

    /**
     * The first {@code count} records of a stream of at least {@code minCopies} copies: with more copies
     * than {@code count} needs, each copy has its schools and the start of its history, about
     * {@code count / copies} records.
     */
    Iterator<SimulatedEvent> stream(final long count, final int minCopies) {
        final int copies = (int) Math.max(Math.max(1, minCopies), (count + historySize() - 1) / historySize());
        return new Iterator<>() {
            private long produced;
            private int index;
            private int copy;

            @Override
            public boolean hasNext() {
                return produced < count && index < schools.size() + events.size();
            }

            @Override
            public SimulatedEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                final SimulatedEvent original = index < schools.size() ? schools.get(index) : events.get(index - schools.size());
                final SimulatedEvent result = copyOf(original, copy);
                produced++;
                if (++copy == copies) {
                    copy = 0;
                    index++;
                }
                return result;
            }
        };
    }

    /** The first {@code count} records as a list (for the ingest scenario, built before the clock starts). */
    List<SimulatedEvent> list(final int count) {
        final List<SimulatedEvent> list = new ArrayList<>(count);
        stream(count).forEachRemaining(list::add);
        return list;
    }

    /** Copy {@code copy} of an event: the event itself for copy 0, else a deep copy with suffixed ids. */
    static SimulatedEvent copyOf(final SimulatedEvent event, final int copy) {
        if (copy == 0) {
            return event;
        }
        final String suffix = "-c" + copy;
        final SpecificRecord value = event.value();
        // A field-by-field copy through the generated class: ids are new strings, every other
        // field is immutable (enums, instants, numbers) and shared.
        final SpecificRecord copied = newInstance(value.getClass());
        for (final Schema.Field field : value.getSchema().getFields()) {
            final Object v = value.get(field.pos());
            if (ID_FIELDS.contains(field.name()) && v != null) {
                copied.put(field.pos(), v + suffix);
            } else if ("staffIds".equals(field.name()) && v instanceof List<?> ids) {
                final List<String> suffixed = new ArrayList<>(ids.size());
                ids.forEach(id -> suffixed.add(id + suffix));
                copied.put(field.pos(), suffixed);
            } else {
                copied.put(field.pos(), v);
            }
        }
        return new SimulatedEvent(event.topic(), event.key() + suffix, copied);
    }

    private static SpecificRecord newInstance(final Class<? extends SpecificRecord> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (final ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot copy a " + type.getName(), e);
        }
    }

    /**
     * Average size in bytes of key plus value on the wire (5-byte Confluent header and Avro
     * binary), over {@code records}: the record size Kafka's ProducerPerformance is given.
     */
    static int averageWireSize(final List<SimulatedEvent> records) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = null;
        long total = 0;
        final java.util.Map<Schema, SpecificDatumWriter<Object>> writers = new java.util.HashMap<>();
        try {
            for (final SimulatedEvent record : records) {
                out.reset();
                encoder = EncoderFactory.get().binaryEncoder(out, encoder);
                writers.computeIfAbsent(record.value().getSchema(), SpecificDatumWriter::new).write(record.value(), encoder);
                encoder.flush();
                total += 5 + out.size() + record.key().getBytes(StandardCharsets.UTF_8).length;
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) Math.round((double) total / records.size());
    }
}
