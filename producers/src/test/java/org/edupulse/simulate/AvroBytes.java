package org.edupulse.simulate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro binary encoding of a record, to compare generated events byte for byte. */
final class AvroBytes {

    private AvroBytes() {
    }

    static byte[] of(final SpecificRecord record) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            // Built from the class, not the schema: Avro 1.12 refuses to load untrusted classes by name.
            writerFor(record.getClass()).write(record, encoder);
            encoder.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static SpecificDatumWriter<SpecificRecord> writerFor(final Class<? extends SpecificRecord> type) {
        return new SpecificDatumWriter<>((Class<SpecificRecord>) type);
    }
}
