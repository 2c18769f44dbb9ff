package org.edupulse.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A 64-bit digest of an event's content (its Avro binary in the reader's schema, so the same fields
 * give the same digest whatever schema version the producer wrote with): tells a re-delivery of an
 * event id from the same id reused with other content.
 */
final class ContentHash {

    private ContentHash() {
    }

    static long of(final SpecificRecord event) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(event.getSchema()).write(event, encoder);
            encoder.flush();
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(out.toByteArray())).getLong();
        } catch (final IOException e) {
            throw new UncheckedIOException("could not encode " + event.getSchema().getName(), e);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
