package org.edupulse.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A growable output buffer with a buffered Avro encoder bound to it, one per thread and reused from
 * record to record: a serializer runs on its caller's thread (a producer's {@code send()}, a stream
 * thread, an interactive query), and allocating a fresh buffer and encoder for every record is most
 * of what writing a small record costs. Use: {@link #forThisThread()}, optionally
 * {@link #writeHeader(int)}, write the record with {@link #encoder()}, then {@link #bytes()}.
 */
public final class AvroOutput extends ByteArrayOutputStream {

    private static final ThreadLocal<AvroOutput> CURRENT = ThreadLocal.withInitial(AvroOutput::new);
    private static final int HEADER_BYTES = 5;

    private BinaryEncoder encoder;
    /** Set while a record is being written; still set at the next start if the last one failed midway. */
    private boolean writing;

    private AvroOutput() {
        super(256);
        this.encoder = EncoderFactory.get().binaryEncoder(this, null);
    }

    /** This thread's buffer, emptied, with its encoder's buffer empty too. */
    public static AvroOutput forThisThread() {
        final AvroOutput output = CURRENT.get();
        if (output.writing) {
            // The last record failed midway: re-binding pushes the encoder's leftovers into this
            // buffer, which reset() then drops.
            output.encoder = EncoderFactory.get().binaryEncoder(output, output.encoder);
        }
        output.reset();
        output.writing = true;
        return output;
    }

    /** Writes the Confluent wire-format header: magic byte 0 and the 4-byte big-endian schema id. */
    public void writeHeader(final int schemaId) {
        if (count != 0) {
            throw new IllegalStateException("The header goes first, " + count + " bytes are written already");
        }
        // An empty buffer of at least 256 bytes: no need for the synchronized write path.
        buf[0] = WireFormat.MAGIC_BYTE;
        buf[1] = (byte) (schemaId >>> 24);
        buf[2] = (byte) (schemaId >>> 16);
        buf[3] = (byte) (schemaId >>> 8);
        buf[4] = (byte) schemaId;
        count = HEADER_BYTES;
    }

    /** The buffered encoder writing into this buffer. */
    public BinaryEncoder encoder() {
        return encoder;
    }

    /** Flushes the encoder and returns a copy of everything written since {@link #forThisThread()}. */
    public byte[] bytes() throws IOException {
        encoder.flush();
        writing = false;
        return Arrays.copyOf(buf, count);
    }
}
