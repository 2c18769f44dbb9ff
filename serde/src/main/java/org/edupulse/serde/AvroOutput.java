package org.edupulse.serde;

import java.io.ByteArrayOutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A growable output buffer with a buffered Avro encoder bound to it, one per thread and reused from
 * record to record: a serializer runs on its caller's thread (a producer's {@code send()}, a stream
 * thread, an interactive query), and allocating a fresh buffer and encoder for every record is most
 * of what writing a small record costs.
 */
public final class AvroOutput extends ByteArrayOutputStream {

    private static final ThreadLocal<AvroOutput> CURRENT = ThreadLocal.withInitial(AvroOutput::new);

    private BinaryEncoder encoder;

    private AvroOutput() {
        super(256);
    }

    /** This thread's buffer, emptied. Use it for one record, then copy the bytes out with {@link #toByteArray()}. */
    public static AvroOutput forThisThread() {
        final AvroOutput output = CURRENT.get();
        output.reset();
        return output;
    }

    /** The buffered encoder writing into this buffer; flush it before reading the bytes. */
    public BinaryEncoder encoder() {
        encoder = EncoderFactory.get().binaryEncoder(this, encoder);
        return encoder;
    }
}
