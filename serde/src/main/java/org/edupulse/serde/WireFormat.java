package org.edupulse.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: byte 0 is the magic byte 0, bytes 1 to 4 the schema id as a
 * big-endian int, and the Avro binary encoding of the record follows.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Reads the schema id from the header, or fails naming the topic and what is wrong. */
    static int schemaId(final String topic, final byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new org.apache.kafka.common.errors.SerializationException("Record of topic " + topic + " has "
                    + data.length + " bytes, fewer than the 5-byte Confluent wire-format header");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new org.apache.kafka.common.errors.SerializationException("Unknown magic byte " + data[0]
                    + " in a record of topic " + topic + ": not in the Confluent wire format (magic byte 0)");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
