package org.edupulse.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.EntityHolder;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.LateEvent;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * A TopologyTestDriver around {@link IndicatorsTopology} with a pinned wall clock, typed input
 * topics that take an explicit timestamp, and outputs read cumulatively: compacted topics as a map
 * (last value per key), the others as lists.
 */
final class IndicatorsDriver implements AutoCloseable {

    static final Instant START = Instant.parse("2025-03-01T03:00:00Z");

    private final String scope;
    private final Map<String, Object> serdeConfig;
    private final TopologyTestDriver driver;
    private final Map<String, IndicatorSet> schools = new LinkedHashMap<>();
    private final Map<String, IndicatorSet> communes = new LinkedHashMap<>();
    private final Map<String, IndicatorSet> districts = new LinkedHashMap<>();
    private final Map<String, IndicatorSet> provinces = new LinkedHashMap<>();
    private final List<IndicatorSet> history = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<LateEvent> lateEvents = new ArrayList<>();
    private final TestOutputTopic<String, PeriodIndicators> periodTopic;
    private final Map<String, PeriodIndicators> periods = new LinkedHashMap<>();
    private final TestOutputTopic<String, IndicatorSet> schoolTopic;
    private final TestOutputTopic<String, IndicatorSet> communeTopic;
    private final TestOutputTopic<String, IndicatorSet> districtTopic;
    private final TestOutputTopic<String, IndicatorSet> provinceTopic;
    private final TestOutputTopic<String, IndicatorSet> historyTopic;
    private final TestOutputTopic<String, DeadLetter> deadLetterTopic;
    private final TestOutputTopic<String, LateEvent> lateTopic;
    private final TestOutputTopic<String, DataQualityFinding> findingTopic;
    private final TestOutputTopic<String, EntityHolder> holderTopic;
    private final List<DataQualityFinding> findings = new ArrayList<>();
    private final MovableClock clock = new MovableClock(START);
    private final Map<String, EntityHolder> holders = new HashMap<>();

    IndicatorsDriver(final String scope, final IndicatorsConfig config, final Path stateDir) {
        this(scope, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, MockSchemaRegistry.SCHEME + scope), config, stateDir);
    }

    /** With serde settings of the test's own, e.g. an HTTP registry; {@code scope} is dropped on close. */
    IndicatorsDriver(final String scope, final Map<String, Object> serdeConfig, final IndicatorsConfig config,
                     final Path stateDir) {
        this(scope, serdeConfig, config, stateDir, () -> false);
    }

    /** With the topology told whether the application catches up ({@code catchingUp}, read as it runs). */
    IndicatorsDriver(final String scope, final Path stateDir, final BooleanSupplier catchingUp) {
        this(scope, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, MockSchemaRegistry.SCHEME + scope),
                IndicatorsConfig.defaults(), stateDir, catchingUp);
    }

    private IndicatorsDriver(final String scope, final Map<String, Object> serdeConfig, final IndicatorsConfig config,
                             final Path stateDir, final BooleanSupplier catchingUp) {
        this.scope = scope;
        this.serdeConfig = Map.copyOf(serdeConfig);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "indicators-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The topology's clock (the day its windows end on) follows the driver's wall clock; its stores are the
        // tests' (TestApplication: in memory unless -Dedupulse.test.rocksdb=true).
        final IndicatorsConfig stores = TestApplication.withTestStores(config.withClock(clock), props);
        this.driver = new TopologyTestDriver(TestApplication.build(new IndicatorsTopology(stores, serdeConfig,
                catchingUp), props), props, START);
        this.periodTopic = output(Topics.INDICATOR_PERIODS);
        this.schoolTopic = output(Topics.SCHOOL_INDICATORS);
        this.communeTopic = output(Topics.COMMUNE_INDICATORS);
        this.districtTopic = output(Topics.DISTRICT_INDICATORS);
        this.provinceTopic = output(Topics.PROVINCE_INDICATORS);
        this.historyTopic = output(Topics.INDICATOR_HISTORY);
        this.deadLetterTopic = output(Topics.DEAD_LETTER);
        this.lateTopic = output(Topics.LATE_EVENTS);
        this.findingTopic = output(Topics.DATA_QUALITY);
        this.holderTopic = output(Topics.ENTITY_HOLDERS);
    }

    IndicatorsDriver(final String scope, final Path stateDir) {
        this(scope, IndicatorsConfig.defaults(), stateDir);
    }

    private <V extends SpecificRecord> TestOutputTopic<String, V> output(final Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(),
                SpecificAvroSerde.of(topic.valueType(), serdeConfig, false).deserializer());
    }

    private <V extends SpecificRecord> void pipe(final Topic<String, V> topic, final String key, final V value,
                                                 final Instant timestamp) {
        final TestInputTopic<String, V> input = driver.createInputTopic(topic.name(), new StringSerializer(),
                SpecificAvroSerde.of(topic.valueType(), serdeConfig, false).serializer());
        input.pipeInput(key, value, timestamp);
    }

    void school(final School school, final Instant timestamp) {
        pipe(Topics.SCHOOLS, school.getSchoolId(), school, timestamp);
    }

    void staff(final StaffEvent event, final Instant timestamp) {
        pipe(Topics.STAFF_EVENTS, event.getSchoolId(), event, timestamp);
    }

    void certification(final CertificationEvent event, final Instant timestamp) {
        pipe(Topics.CERTIFICATION_EVENTS, event.getSchoolId(), event, timestamp);
    }

    void device(final DeviceEvent event, final Instant timestamp) {
        pipe(Topics.DEVICE_EVENTS, event.getSchoolId(), event, timestamp);
    }

    void training(final TrainingEvent event, final Instant timestamp) {
        pipe(Topics.TRAINING_EVENTS, event.getSchoolId(), event, timestamp);
    }

    void rawBytes(final Topic<String, ?> topic, final String key, final byte[] value, final Instant timestamp) {
        driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, value, timestamp);
    }

    /** Moves the driver's wall clock (and the topology's), firing wall-clock punctuations that come due. */
    void advanceWallClock(final Duration duration) {
        clock.set(clock.instant().plus(duration));
        driver.advanceWallClockTime(duration);
    }

    /** Moves the wall clock forward to {@code instant}, firing the punctuations that come due on the way. */
    void advanceWallClockTo(final Instant instant) {
        advanceWallClock(Duration.between(clock.instant(), instant));
    }

    /** The wall clock now. */
    Instant now() {
        return clock.instant();
    }

    /** Latest PeriodIndicators per unit and period, by period key, as the compacted topic would keep them. */
    Map<String, PeriodIndicators> periods() {
        periods.putAll(periodTopic.readKeyValuesToMap());
        return periods;
    }

    /** The published numerator of one indicator of one unit for one period, e.g. ("DB-MA", MONTH, "2025-11"). */
    double period(final String unitId, final PeriodGrain grain, final String period, final String indicatorId) {
        final PeriodIndicators set = periods().get(Topics.periodKey(unitId, grain, period));
        if (set == null) {
            throw new AssertionError("no period " + Topics.periodKey(unitId, grain, period) + " published");
        }
        return set.getIndicators().get(indicatorId).getNumerator();
    }

    /** Latest IndicatorSet per school, as a compacted topic would keep it. */
    Map<String, IndicatorSet> schools() {
        schools.putAll(schoolTopic.readKeyValuesToMap());
        return schools;
    }

    /** Latest IndicatorSet per commune. */
    Map<String, IndicatorSet> communes() {
        communes.putAll(communeTopic.readKeyValuesToMap());
        return communes;
    }

    /** Latest IndicatorSet per district, as a compacted topic would keep it. */
    Map<String, IndicatorSet> districts() {
        districts.putAll(districtTopic.readKeyValuesToMap());
        return districts;
    }

    /** Latest IndicatorSet per province. */
    Map<String, IndicatorSet> provinces() {
        provinces.putAll(provinceTopic.readKeyValuesToMap());
        return provinces;
    }

    /** Every published IndicatorSet, in order. */
    List<IndicatorSet> history() {
        history.addAll(historyTopic.readValuesToList());
        return history;
    }

    /** Every data-quality finding published so far. */
    List<DataQualityFinding> findings() {
        findings.addAll(findingTopic.readValuesToList());
        return findings;
    }

    /** The latest holder record of every person and device published so far, by holder key. */
    Map<String, EntityHolder> holders() {
        holders.putAll(holderTopic.readKeyValuesToMap());
        return holders;
    }

    List<DeadLetter> deadLetters() {
        deadLetters.addAll(deadLetterTopic.readValuesToList());
        return deadLetters;
    }

    List<LateEvent> lateEvents() {
        lateEvents.addAll(lateTopic.readValuesToList());
        return lateEvents;
    }

    /** The published value of one indicator of a district. */
    Double district(final String districtId, final String indicatorId) {
        return value(districts().get(districtId), indicatorId).getValue();
    }

    Double school(final String schoolId, final String indicatorId) {
        return value(schools().get(schoolId), indicatorId).getValue();
    }

    Double commune(final String communeId, final String indicatorId) {
        return value(communes().get(communeId), indicatorId).getValue();
    }

    Double province(final String provinceId, final String indicatorId) {
        return value(provinces().get(provinceId), indicatorId).getValue();
    }

    static IndicatorValue value(final IndicatorSet set, final String indicatorId) {
        if (set == null) {
            throw new AssertionError("no IndicatorSet published for the unit");
        }
        final IndicatorValue value = set.getIndicators().get(indicatorId);
        if (value == null) {
            throw new AssertionError("IndicatorSet of " + set.getUnitId() + " has no " + indicatorId);
        }
        return value;
    }

    <V> KeyValueStore<String, V> store(final String name) {
        return driver.getKeyValueStore(name);
    }

    /** The value of a window store for a key at an exact window start, or null. */
    <V> V windowStoreValue(final String name, final String key, final Instant windowStart) {
        final WindowStore<String, V> windows = driver.getWindowStore(name);
        return windows.fetch(key, windowStart.toEpochMilli());
    }

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistry.drop(scope);
    }
}
