package org.edupulse.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.edupulse.rules.DeviceCustody;
import org.edupulse.rules.DeviceState;
import org.edupulse.rules.Finding;
import org.edupulse.rules.PersonCustody;
import org.edupulse.rules.PersonState;
import org.edupulse.rules.Refusal;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.streams.state.EntityEventKind;
import org.edupulse.streams.state.EntityHistory;
import org.edupulse.streams.state.SourcedEvent;

/**
 * The bridge between an entity's stored history and the rules core: encodes admitted events into the
 * history and folds a history with {@link PersonCustody} or {@link DeviceCustody}. The live topology
 * and the audit's lineage both read entity state through it, so neither restates the rules.
 */
public final class EntityHistories {

    private static final SpecificDatumWriter<StaffEvent> STAFF_WRITER = new SpecificDatumWriter<>(StaffEvent.class);
    private static final SpecificDatumWriter<CertificationEvent> CERTIFICATION_WRITER =
            new SpecificDatumWriter<>(CertificationEvent.class);
    private static final SpecificDatumWriter<DeviceEvent> DEVICE_WRITER = new SpecificDatumWriter<>(DeviceEvent.class);
    private static final SpecificDatumReader<StaffEvent> STAFF_READER = new SpecificDatumReader<>(StaffEvent.class);
    private static final SpecificDatumReader<CertificationEvent> CERTIFICATION_READER =
            new SpecificDatumReader<>(CertificationEvent.class);
    private static final SpecificDatumReader<DeviceEvent> DEVICE_READER = new SpecificDatumReader<>(DeviceEvent.class);

    private EntityHistories() {
    }

    /** The person (roster and certificates) a history adds up to, by the rules core. */
    public static PersonState person(final EntityHistory history) {
        final List<StaffEvent> roster = new ArrayList<>();
        final List<CertificationEvent> certificates = new ArrayList<>();
        for (final SourcedEvent event : history.getEvents()) {
            if (event.getKind() == EntityEventKind.STAFF) {
                roster.add(decode(STAFF_READER, event));
            } else if (event.getKind() == EntityEventKind.CERTIFICATION) {
                certificates.add(decode(CERTIFICATION_READER, event));
            }
        }
        return PersonCustody.fold(roster, certificates);
    }

    /** The device a history adds up to, by the rules core. */
    public static DeviceState device(final EntityHistory history) {
        final List<DeviceEvent> events = new ArrayList<>();
        for (final SourcedEvent event : history.getEvents()) {
            if (event.getKind() == EntityEventKind.DEVICE) {
                events.add(decode(DEVICE_READER, event));
            }
        }
        return DeviceCustody.fold(events);
    }

    /** A person's contribution to the school holding them, and what the rules refused or found doubtful on the way. */
    static CustodyProcessor.Folded personContribution(final EntityHistory history) {
        return personContribution(person(history));
    }

    /** A folded person's contribution, holder and findings: what the custody step and the log fold take from it. */
    static CustodyProcessor.Folded personContribution(final PersonState person) {
        return new CustodyProcessor.Folded(Totals.stockOf(person), person.holder(),
                person.roster() == null ? null : person.roster().getOccurredAt(),
                findings(person.refusals(), person.findings()));
    }

    /** A device's contribution to the school holding it, and what the rules refused or found doubtful on the way. */
    static CustodyProcessor.Folded deviceContribution(final EntityHistory history) {
        return deviceContribution(device(history));
    }

    /** A folded device's contribution, holder and findings: what the custody step and the log fold take from it. */
    static CustodyProcessor.Folded deviceContribution(final DeviceState device) {
        return new CustodyProcessor.Folded(Totals.stockOf(device), device.holder(),
                device.latest() == null ? null : device.latest().getOccurredAt(),
                findings(device.refusals(), device.findings()));
    }

    private static List<Finding> findings(final List<Refusal> refusals, final List<Finding> doubtful) {
        if (refusals.isEmpty()) {
            return doubtful;
        }
        final List<Finding> findings = new ArrayList<>(refusals.size() + doubtful.size());
        refusals.forEach(refusal -> findings.add(refusal.asFinding()));
        findings.addAll(doubtful);
        return findings;
    }

    /** The stored event of {@code history} whose decoded record is {@code event}, for its log position; or null. */
    public static SourcedEvent sourceOf(final EntityHistory history, final Object event) {
        for (final SourcedEvent stored : history.getEvents()) {
            if (event.equals(decode(stored))) {
                return stored;
            }
        }
        return null;
    }

    static SourcedEvent staff(final StaffEvent event, final RecordMetadata origin) {
        return sourced(EntityEventKind.STAFF, encode(STAFF_WRITER, event), event.getSchoolId(), origin);
    }

    static SourcedEvent certification(final CertificationEvent event, final RecordMetadata origin) {
        return sourced(EntityEventKind.CERTIFICATION, encode(CERTIFICATION_WRITER, event), event.getSchoolId(), origin);
    }

    static SourcedEvent device(final DeviceEvent event, final RecordMetadata origin) {
        return sourced(EntityEventKind.DEVICE, encode(DEVICE_WRITER, event), event.getSchoolId(), origin);
    }

    static SpecificRecord decode(final SourcedEvent event) {
        return switch (event.getKind()) {
            case STAFF -> decode(STAFF_READER, event);
            case CERTIFICATION -> decode(CERTIFICATION_READER, event);
            case DEVICE -> decode(DEVICE_READER, event);
        };
    }

    private static SourcedEvent sourced(final EntityEventKind kind, final byte[] bytes, final String schoolId,
            final RecordMetadata origin) {
        return new SourcedEvent(kind, ByteBuffer.wrap(bytes), schoolId, origin.topic(), origin.partition(), origin.offset());
    }

    private static <T extends SpecificRecord> byte[] encode(final SpecificDatumWriter<T> writer, final T event) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (final IOException e) {
            throw new UncheckedIOException("could not encode " + event.getSchema().getName(), e);
        }
    }

    private static <T> T decode(final SpecificDatumReader<T> reader, final SourcedEvent event) {
        final ByteBuffer bytes = event.getEvent().duplicate();
        final byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        try {
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(array, null);
            return reader.read(null, decoder);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not decode a stored " + event.getKind() + " event", e);
        }
    }
}
