package org.edupulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {

    private static final String SCOPE = "avro-serializer-test";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE);
    private static final Schema POINT = new Schema.Parser().parse(
            "{\"type\":\"record\",\"name\":\"Point\",\"namespace\":\"test\",\"fields\":["
                    + "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"s\",\"type\":\"string\"}]}");

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    /** A Point record; {@code s} is any object, so that a test can put in what Avro cannot write. */
    private static GenericRecord point(final int a, final Object s) {
        final GenericRecord point = new GenericData.Record(POINT);
        point.put("a", a);
        point.put("s", s);
        return point;
    }

    private static AvroSerializer serializer(final Map<String, Object> config) {
        final AvroSerializer serializer = new AvroSerializer();
        serializer.configure(config, false);
        return serializer;
    }

    @Test
    void shouldWriteMagicByteThenBigEndianIdThenAvroBinary() {
        // Given a record {a: 1, s: "hi"} whose schema will get id 1
        final GenericRecord point = point(1, "hi");

        // When
        final byte[] bytes = serializer(CONFIG).serialize("points", point);

        // Then: 0x00, id 1 as 4 big-endian bytes, zigzag varint 1 = 0x02, string length 2 = 0x04, 'h', 'i'
        assertThat(bytes).containsExactly(0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x04, 'h', 'i');
    }

    @Test
    void shouldWriteIdsAboveOneByteInBigEndianOrder() {
        // Given a registry where the record's schema gets id 258 (0x0102)
        final MockSchemaRegistry registry = MockSchemaRegistry.scope(SCOPE);
        for (int i = 1; i <= 257; i++) {
            registry.register("filler", Schema.createFixed("F" + i, null, "test", 1));
        }
        final GenericRecord point = point(-1, "");

        // When
        final byte[] bytes = serializer(CONFIG).serialize("points", point);

        // Then: zigzag varint of -1 is 0x01, the empty string is 0x00
        assertThat(bytes).containsExactly(0x00, 0x00, 0x00, 0x01, 0x02, 0x01, 0x00);
    }

    @Test
    void shouldWriteTheSameBodyAsAvrosOwnBinaryEncoderForGeneratedRecords() throws IOException {
        // Given
        final TrainingEvent event = TrainingEvent.newBuilder()
                .setEventId("e-1").setSchoolId("SCH-MA-001").setSessionId("S-7")
                .setTopic(TrainingTopic.CYBERSECURITY_DRILL).setAudience(Audience.STAFF)
                .setParticipantCount(31).setStaffIds(List.of("ST-1", "ST-2")).setHours(1.5)
                .setOccurredAt(Instant.parse("2025-06-30T01:00:00Z")).build();
        final ByteArrayOutputStream plain = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(plain, null);
        new SpecificDatumWriter<TrainingEvent>(TrainingEvent.getClassSchema()).write(event, encoder);
        encoder.flush();

        // When
        final byte[] bytes = serializer(CONFIG).serialize("edupulse.training.events", event);

        // Then
        assertThat(bytes).hasSize(5 + plain.size());
        assertThat(java.util.Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plain.toByteArray());
    }

    /** The body Avro's own writer gives {@code record} with {@code schema} and its defaults (generated coders off). */
    private static byte[] plainBody(final Schema schema, final Object record) throws IOException {
        final ByteArrayOutputStream plain = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(plain, null);
        new SpecificDatumWriter<>(schema, SpecificData.getForClass(record.getClass())).write(record, encoder);
        encoder.flush();
        return plain.toByteArray();
    }

    private static byte[] body(final byte[] bytes) {
        return java.util.Arrays.copyOfRange(bytes, 5, bytes.length);
    }

    /** Values of every shape: a count, a ratio, an undefined ratio with its reason, zeros and a negative. */
    private static Map<String, IndicatorValue> indicatorValues() {
        final Map<String, IndicatorValue> values = new java.util.LinkedHashMap<>();
        values.put("staff.total", new IndicatorValue(412.0, null, 412.0, null));
        values.put("staff.it_certified.share", new IndicatorValue(137.0, 412.0, 33.25242718446602, null));
        values.put("devices.learners_per_computer",
                new IndicatorValue(0.0, 0.0, null, "không có máy tính cho dạy học"));
        values.put("quality.refused", new IndicatorValue(-0.0, null, -3.0, null));
        return values;
    }

    @Test
    void shouldWritePublishedSetsAndPeriodsAsAvrosOwnWriterDoes() throws IOException {
        // Given an IndicatorSet and a PeriodIndicators: maps of IndicatorValue records, which Avro has generated
        // coders for, in records with logical types, which it has none for
        final IndicatorSet set = IndicatorSet.newBuilder()
                .setUnitId("DB-SCH-0042").setUnitName("Trường TH <b>Mường Phăng</b>").setLevel(UnitLevel.SCHOOL)
                .setAsOf(Instant.parse("2025-06-30T09:15:00.123Z")).setCatalogVersion("2025.2")
                .setIndicators(indicatorValues()).setEvaluatedAt(Instant.parse("2025-06-30T16:59:59.999Z"))
                .setDataThrough(Instant.parse("2025-06-30T09:15:00.123Z")).setParentId("DB-C-017")
                .setParentName("Xã Mường Phăng").setDistrictId("DB-D-03").setDistrictName("Huyện Điện Biên")
                .setGrouping(false)
                .setBreakdowns(Map.of("devices.sponsored.in_service.by_programme",
                        Map.of("Chương trình 1", new IndicatorValue(12.0, null, 12.0, null))))
                .build();
        final IndicatorSet bare = IndicatorSet.newBuilder(set).setIndicators(Map.of()).setEvaluatedAt(null)
                .setDataThrough(null).setParentId(null).setParentName(null).setDistrictId(null).setDistrictName(null)
                .setGrouping(true).setBreakdowns(null).build();
        final PeriodIndicators period = PeriodIndicators.newBuilder()
                .setUnitId("DB-C-017").setUnitName("Xã Mường Phăng").setLevel(UnitLevel.COMMUNE).setParentId(null)
                .setGrain(PeriodGrain.SCHOOL_YEAR).setPeriod("2024-2025")
                .setStart(java.time.LocalDate.of(2024, 9, 1)).setEnd(java.time.LocalDate.of(2025, 8, 31))
                .setComplete(false).setCatalogVersion("2025.2").setIndicators(indicatorValues()).build();
        final AvroSerializer serializer = serializer(CONFIG);

        // When / Then: the same body as Avro's generic writer, byte for byte
        assertThat(body(serializer.serialize(Topics.SCHOOL_INDICATORS.name(), set)))
                .isEqualTo(plainBody(IndicatorSet.getClassSchema(), set));
        assertThat(body(serializer.serialize(Topics.SCHOOL_INDICATORS.name(), bare)))
                .isEqualTo(plainBody(IndicatorSet.getClassSchema(), bare));
        assertThat(body(serializer.serialize(Topics.INDICATOR_PERIODS.name(), period)))
                .isEqualTo(plainBody(PeriodIndicators.getClassSchema(), period));
    }

    @Test
    void shouldWriteTheLatestVersionsShapeWhenItIsNotTheClasssOwn() throws IOException {
        // Given a latest registered IndicatorSet whose IndicatorValue has no undefinedReason (an older version)
        final String own = IndicatorSet.getClassSchema().toString();
        final int from = own.indexOf(",{\"name\":\"undefinedReason\"");
        final int to = own.indexOf("\"default\":null}", from) + "\"default\":null}".length();
        final String without = own.substring(0, from) + own.substring(to);
        final Schema older = new Schema.Parser().parse(without);
        assertThat(older.toString()).doesNotContain("undefinedReason");
        MockSchemaRegistry.scope(SCOPE).register(
                SubjectNameStrategy.TOPIC_NAME.subject(Topics.SCHOOL_INDICATORS.name(), false, older), older);
        final IndicatorSet set = IndicatorSet.newBuilder()
                .setUnitId("DB-SCH-0042").setUnitName("Trường TH Mường Phăng").setLevel(UnitLevel.SCHOOL)
                .setAsOf(Instant.parse("2025-06-30T09:15:00Z")).setCatalogVersion("2025.2")
                .setIndicators(indicatorValues()).build();

        // When
        final byte[] bytes = serializer(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
                SerdeConfig.AUTO_REGISTER_SCHEMAS, false, SerdeConfig.USE_LATEST_VERSION, true))
                .serialize(Topics.SCHOOL_INDICATORS.name(), set);

        // Then: written with the older schema (no reason after each value), not the class's own coders
        assertThat(body(bytes)).isEqualTo(plainBody(older, set));
    }

    @Test
    void shouldWriteEachRecordWholeWhenAShorterOneFollowsALongerOne() {
        // Given a serializer that has just written a long record
        final AvroSerializer serializer = serializer(CONFIG);
        final GenericRecord longer = point(123_456, "x".repeat(5_000));
        serializer.serialize("points", longer);
        final GenericRecord shorter = point(1, "hi");

        // When
        final byte[] bytes = serializer.serialize("points", shorter);

        // Then nothing of the first record is left in the second
        assertThat(bytes).containsExactly(0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x04, 'h', 'i');
    }

    @Test
    void shouldWriteTheNextRecordWholeAfterOneFailedMidway() {
        // Given a record whose int field is written before its string field turns out to be no string
        final AvroSerializer serializer = serializer(CONFIG);
        final GenericRecord broken = point(77, List.of("not", "a", "string"));
        assertThatThrownBy(() -> serializer.serialize("points", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("points");
        final GenericRecord point = point(1, "hi");

        // When the same thread writes a good record
        final byte[] bytes = serializer.serialize("points", point);

        // Then none of the failed record's bytes (77 is 0x9a 0x01) lead or trail it
        assertThat(bytes).containsExactly(0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x04, 'h', 'i');
    }

    @Test
    void shouldWriteEachRecordTypeWithItsOwnIdOnOneTopic() {
        // Given two record types on one topic, each registered under the topic's subject in turn
        final AvroSerializer serializer = serializer(CONFIG);
        final GenericRecord point = point(1, "hi");
        final Schema other = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"test\",\"fields\":[{\"name\":\"b\",\"type\":\"int\"}]}");
        final GenericRecord second = new GenericData.Record(other);
        second.put("b", 2);

        // When they alternate
        final byte[] first = serializer.serialize("mixed", point);
        final byte[] then = serializer.serialize("mixed", second);
        final byte[] again = serializer.serialize("mixed", point);

        // Then each keeps its own schema id and body
        assertThat(first).containsExactly(0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x04, 'h', 'i');
        assertThat(then).containsExactly(0x00, 0x00, 0x00, 0x00, 0x02, 0x04);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void shouldWriteTheSameBytesFromManyThreadsAtOnce() throws Exception {
        // Given one serializer shared by threads (a producer's send() runs on its callers' threads)
        final AvroSerializer serializer = serializer(CONFIG);
        final List<GenericRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            final GenericRecord point = point(i, "p".repeat(i * 7));
            records.add(point);
        }
        final List<byte[]> alone = records.stream().map(r -> serializer.serialize("points", r)).toList();

        // When four threads write them over and over at the same time
        final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            final List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    for (int round = 0; round < 500; round++) {
                        for (int i = 0; i < records.size(); i++) {
                            if (!java.util.Arrays.equals(serializer.serialize("points", records.get(i)), alone.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }

            // Then every thread got exactly the bytes written alone
            for (final java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldRetryTheRegistryAfterAFailureRatherThanRememberIt() {
        // Given auto-registration off and a schema not registered yet, so the first write fails
        final GenericRecord point = point(1, "hi");
        final AvroSerializer serializer = serializer(Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
                SerdeConfig.AUTO_REGISTER_SCHEMAS, "false"));
        assertThatThrownBy(() -> serializer.serialize("points", point)).isInstanceOf(SerializationException.class);

        // When the schema is registered afterwards
        MockSchemaRegistry.scope(SCOPE).register("points-value", POINT);

        // Then the same serializer writes with its id
        assertThat(serializer.serialize("points", point)).containsExactly(0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x04,
                'h', 'i');
    }

    @Test
    void shouldKeepNullAsNullForTombstones() {
        assertThat(serializer(CONFIG).serialize("points", null)).isNull();
        final AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(CONFIG, false);
        assertThat(deserializer.deserialize("points", null)).isNull();
    }

    @Test
    void shouldRegisterUnderTopicNameStrategyByDefault() {
        // Given
        final GenericRecord point = point(1, "x");
        final AvroSerializer keySerializer = new AvroSerializer();
        keySerializer.configure(CONFIG, true);

        // When
        serializer(CONFIG).serialize("points", point);
        keySerializer.serialize("points", point);

        // Then
        final MockSchemaRegistry registry = MockSchemaRegistry.scope(SCOPE);
        assertThat(registry.latest("points-value").schema()).isEqualTo(POINT);
        assertThat(registry.latest("points-key").schema()).isEqualTo(POINT);
    }

    @Test
    void shouldAcceptConfluentStrategyClassNames() {
        // Given
        final GenericRecord point = point(1, "x");
        final Map<String, Object> config = Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
                SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

        // When
        serializer(config).serialize("points", point);

        // Then
        assertThat(MockSchemaRegistry.scope(SCOPE).latest("points-test.Point").id()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnregisteredSchemaWhenAutoRegistrationIsOff() {
        // Given
        final GenericRecord point = point(1, "x");
        final Map<String, Object> config = Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
                SerdeConfig.AUTO_REGISTER_SCHEMAS, "false");

        // When / Then
        assertThatThrownBy(() -> serializer(config).serialize("points", point))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("points-value")
                .hasMessageContaining("40401");
    }

    @Test
    void shouldWriteWithTheLatestVersionWhenAsked() {
        // Given a subject whose latest schema is already registered with id 1
        final GenericRecord point = point(1, "x");
        MockSchemaRegistry.scope(SCOPE).register("points-value", POINT);
        final Map<String, Object> config = Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
                SerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                SerdeConfig.USE_LATEST_VERSION, true);

        // When
        final byte[] bytes = serializer(config).serialize("points", point);

        // Then
        assertThat(bytes).startsWith(0x00, 0x00, 0x00, 0x00, 0x01);
    }

    @Test
    void shouldNameTheKeyAndReasonOfABadSetting() {
        assertThatThrownBy(() -> SerdeConfig.from(Map.of()))
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://x",
                SerdeConfig.AUTO_REGISTER_SCHEMAS, "maybe")))
                .hasMessageContaining("auto.register.schemas").hasMessageContaining("maybe");
        assertThatThrownBy(() -> SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://x",
                SerdeConfig.KEY_SUBJECT_NAME_STRATEGY, "com.example.Mine")))
                .hasMessageContaining("key.subject.name.strategy").hasMessageContaining("com.example.Mine");
    }

    @Test
    void shouldRefuseANonAvroValueNamingTheTopic() {
        assertThatThrownBy(() -> serializer(CONFIG).serialize("points", 42))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("points").hasMessageContaining("java.lang.Integer");
    }
}
