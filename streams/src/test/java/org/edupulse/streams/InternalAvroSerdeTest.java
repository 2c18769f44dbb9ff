package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.edupulse.streams.state.EntityHistory;
import org.edupulse.streams.state.MonthCount;
import org.edupulse.streams.state.ParkedRecord;
import org.edupulse.streams.state.SchoolMonthInput;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.SchoolVersions;
import org.edupulse.streams.state.SourcedEvent;
import org.edupulse.streams.state.TrainingDays;
import org.edupulse.streams.state.TrainingDelta;
import org.edupulse.streams.state.TrainingFact;
import org.edupulse.streams.state.UnitMonthDelta;
import org.edupulse.streams.state.UnitMonths;
import org.edupulse.streams.state.UnitTotals;
import org.junit.jupiter.api.Test;

class InternalAvroSerdeTest {

    /** Every state and repartition record type the topology writes with {@link InternalAvroSerde}. */
    private static final List<Class<? extends SpecificRecord>> STATE_TYPES = List.of(UnitTotals.class,
            SchoolVersion.class, SchoolVersions.class, TrainingFact.class, TrainingDelta.class, TrainingDays.class,
            ParkedRecord.class, SourcedEvent.class, EntityHistory.class, MonthCount.class, SchoolMonthInput.class,
            UnitMonthDelta.class, UnitMonths.class);

    @Test
    void shouldWriteTheSameBytesAsAvrosSpecificWriterForEveryStateType() throws IOException {
        for (final Class<? extends SpecificRecord> type : STATE_TYPES) {
            shouldWriteTheSameBytesAsAvrosSpecificWriter(type);
        }
    }

    private static <T extends SpecificRecord> void shouldWriteTheSameBytesAsAvrosSpecificWriter(final Class<T> type)
            throws IOException {
        // Given random values of the type (nulls, empty and long arrays and maps, any strings), read as the state class
        final Schema schema = SpecificData.get().getSchema(type);
        final InternalAvroSerde<T> serde = new InternalAvroSerde<>(type);
        int checked = 0;
        for (final Object random : new RandomData(schema, 200, 19L)) {
            final T value = serde.deserializer().deserialize("t", bytes(new GenericDatumWriter<>(schema), random));

            // When the serde writes it
            final byte[] written = serde.serializer().serialize("t", value);

            // Then its generated encoders give exactly the bytes of Avro's own specific writer (the format of
            // the state stores and repartition topics until now), and read back to the same value
            assertThat(written).as("%s, value %s", type.getSimpleName(), value)
                    .isEqualTo(bytes(new SpecificDatumWriter<>(schema), value));
            assertThat(serde.deserializer().deserialize("t", written)).isEqualTo(value);
            checked++;
        }
        assertThat(checked).isEqualTo(200);
    }

    private static byte[] bytes(final DatumWriter<Object> writer, final Object value) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
