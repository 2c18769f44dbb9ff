package org.edupulse.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.edupulse.rules.SessionCounter;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.EntityHolder;
import org.edupulse.schemas.EntityKind;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.LateEvent;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.state.EntityHistory;
import org.edupulse.streams.state.MonthCount;
import org.edupulse.streams.state.ParkedRecord;
import org.edupulse.streams.state.Place;
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
import org.edupulse.topics.Topics;

/**
 * The indicators of every school, commune, district and province, computed live from the raw event
 * log. Stocks (people, certifications, devices, schools) are tables whose per-unit totals move with
 * adders and subtractors, so a transfer moves exactly one unit; training flows are per-day buckets
 * per unit in the province's calendar evaluated on the province's current day; bad records become
 * dead letters and late sessions also go to a ledger, so nothing stops the pipeline and nothing is
 * dropped silently.
 *
 * <p>Shape: one ingest processor validates and de-duplicates every raw record (consumed as bytes so
 * a poison record is data, not a crash) and keeps the effective-dated school reference. Entities
 * roll up entity → school → commune → province, and school → district; a school's record joins its
 * stocks and carries them to its current commune and district, so re-mapping a school moves all its
 * stocks in one update. A session counts in the school, commune and district of the school's
 * version in force on the session's day; the province sums its communes (every school has one).
 * Data-quality findings that apply now count the same way: signed deltas to the school that posted
 * the record, and from there to the school's current commune and district. For people and devices the custody
 * step sends, per posting school, the change in the refusals and doubtful events of the entity's
 * fold, so a refusal a late event resolves stops counting; a school version without learners counts
 * while that version says so; a session's finding is decided per record in its school's log order
 * and counts for good. A school's events wait for its reference record at the ingest step, so every
 * finding has a known school; one that reaches the count before its school's record does (another
 * repartition topic) counts when the record arrives. Counts about people and devices travel with
 * their custody deltas; those about school records and sessions, made in the ingest sub-topology,
 * take the one repartition ({@code findings-by-school}) the quality counts add.
 *
 * <p>Throughput: every step is incremental (a vector add and subtract per change, no full
 * recomputation). Kafka Streams' record caches (on by default, flushed at commit) collapse the many
 * updates of one district between commits into one published IndicatorSet; the trade-off is that
 * the history topic holds one value per district per commit interval rather than per event, and
 * TopologyTestDriver, which commits after each record, shows every step. The people's and devices'
 * histories are kept out of the caches: they would fill them without collapsing anything. The inputs of the two
 * non-linear joins run uncached (see {@link #exact}); so do the school's finding counts, an input of
 * the school-to-units join through its sums. The ingest and flow processors forward under
 * new keys (school activation, window slides), so the tables right after them
 * ({@code current-schools-table}, {@code school-}, {@code commune-} and {@code district-flows-table})
 * each get a small named repartition topic; they carry reference or per-unit training traffic only,
 * not per-event volume of stocks.
 *
 * <p>Event time: the ingest step stamps every admitted record with its occurredAt, so stream time
 * downstream is event time whatever the producers put in the record timestamp.
 */
public final class IndicatorsTopology {

    /** IndicatorSet of each school by school id: the query API reads it. */
    public static final String SCHOOL_STORE = "school-indicators";
    /** IndicatorSet of each commune by commune id: the query API reads it. */
    public static final String COMMUNE_STORE = "commune-indicators";
    /** IndicatorSet of each district by district id: the query API reads it. */
    public static final String DISTRICT_STORE = "district-indicators";
    /** IndicatorSet of each province by province id: the query API reads it. */
    public static final String PROVINCE_STORE = "province-indicators";
    /** Additive totals of each district (stocks and flows) by district id. */
    public static final String DISTRICT_TOTALS_STORE = "district-totals";
    /** Additive totals of each province by province id. */
    public static final String PROVINCE_TOTALS_STORE = "province-totals";
    /** Effective-dated versions of each school by school id. */
    public static final String SCHOOL_VERSIONS_STORE = "school-versions";
    /** The version of each school currently in force, by school id. */
    public static final String CURRENT_SCHOOLS_STORE = "current-schools";
    /** Event-time clocks of the ingest step. */
    public static final String CLOCK_STORE = "ingest-clocks";
    /** Raw events read before their school's reference record, by school id then log position. */
    public static final String AWAITING_SCHOOL_STORE = "events-awaiting-school";
    /** Raw records held, in arrival order, while the schema registry does not answer. */
    public static final String AWAITING_REGISTRY_STORE = "events-awaiting-registry";
    /**
     * Event ids already admitted, per raw topic, remembered for the dedup retention: in event time for
     * stocks; for training, "schoolId|eventId" to a digest of the content, in append time.
     */
    public static final String TRAINING_IDS_STORE = "training-event-ids";
    public static final String STAFF_IDS_STORE = "staff-event-ids";
    public static final String CERTIFICATION_IDS_STORE = "certification-event-ids";
    public static final String DEVICE_IDS_STORE = "device-event-ids";
    /** Every admitted roster and certification event of each person, by staff id: the rules core folds it. */
    public static final String PERSON_HISTORY_STORE = "person-histories";
    /** Every admitted life-cycle event of each device, by device id: the rules core folds it. */
    public static final String DEVICE_HISTORY_STORE = "device-histories";
    /**
     * Totals of each school from its people's events and from its devices' events, by school id: the
     * stocks they hold, and the data-quality findings that apply now to those events that the school posted.
     */
    public static final String SCHOOL_STAFF_STORE = "school-staff-totals";
    public static final String SCHOOL_DEVICE_STORE = "school-device-totals";
    /** Data-quality findings that apply now to each school's own reference records and training sessions, by school id. */
    public static final String SCHOOL_FINDINGS_STORE = "school-finding-totals";
    /** Stock totals (staff, devices, schools) of each district, by district id. */
    public static final String DISTRICT_STOCK_STORE = "district-stock-totals";
    /** Each training session as its school last stated it, by "schoolId|sessionId". */
    public static final String TRAINING_SESSIONS_STORE = "training-sessions";
    /** Per-day training buckets of each school, commune and district, by "LEVEL:unitId". */
    public static final String UNIT_TRAINING_STORE = "unit-training-days";
    /** Training flow totals of each school, commune and district, by unit id. */
    public static final String SCHOOL_FLOW_STORE = "school-flow-totals";
    public static final String COMMUNE_FLOW_STORE = "commune-flow-totals";
    public static final String DISTRICT_FLOW_STORE = "district-flow-totals";
    /** Each school's versions, by school id: the calendar periods place its monthly stocks with them. */
    public static final String SCHOOL_MONTH_VERSIONS_STORE = "school-month-versions";
    /** Each school's stock changes per month from its people and devices, by "schoolId|month" ({@link MonthCounts}). */
    public static final String SCHOOL_MONTH_COUNTS_STORE = "school-month-counts";
    /** Each unit's place and what of its calendar periods is left to publish, by "LEVEL:unitId". */
    public static final String UNIT_MONTHS_STORE = "unit-period-states";
    /** Each unit's counters per month, by "LEVEL:unitId|month": its calendar periods are evaluated from them. */
    public static final String UNIT_MONTH_COUNTS_STORE = "unit-month-counts";
    /** The disagreement about a unit's name last reported, by unit id, per level. */
    public static final String COMMUNE_NAME_CHECKS_STORE = "commune-name-checks";
    public static final String DISTRICT_NAME_CHECKS_STORE = "district-name-checks";
    public static final String PROVINCE_NAME_CHECKS_STORE = "province-name-checks";
    /** Stock totals (staff, devices, schools) of each commune, by commune id. */
    public static final String COMMUNE_STOCK_STORE = "commune-stock-totals";
    /** Additive totals (stocks and flows) of each school and each commune, by id. */
    public static final String SCHOOL_TOTALS_STORE = "school-totals";
    public static final String COMMUNE_TOTALS_STORE = "commune-totals";

    private final IndicatorsConfig config;
    private final Map<String, ?> serdeConfig;
    private final BooleanSupplier catchingUp;

    /** A topology that is never told it catches up: as tests drive it, and as an application without paced commits runs. */
    public IndicatorsTopology(final IndicatorsConfig config, final Map<String, ?> serdeConfig) {
        this(config, serdeConfig, () -> false);
    }

    /**
     * @param catchingUp whether the application is catching up now ({@link CommitPace}): a unit's calendar periods
     *                   then wait longer before they are published ({@link UnitPeriodsProcessor#CATCH_UP_FLUSH})
     */
    public IndicatorsTopology(final IndicatorsConfig config, final Map<String, ?> serdeConfig,
                              final BooleanSupplier catchingUp) {
        this.config = Objects.requireNonNull(config, "config");
        this.serdeConfig = Map.copyOf(serdeConfig);
        this.catchingUp = Objects.requireNonNull(catchingUp, "catchingUp");
    }

    /** Builds the topology; every node, repartition topic and store is named. */
    public Topology build() {
        return build(new StreamsBuilder());
    }

    /** Builds it with topology settings, e.g. a processor wrapper ({@link CommitPacing}). */
    Topology build(final TopologyConfig topologyConfig) {
        return build(new StreamsBuilder(topologyConfig));
    }

    private Topology build(final StreamsBuilder builder) {
        final Serde<String> keys = Serdes.String();
        final Serde<UnitTotals> totals = new InternalAvroSerde<>(UnitTotals.class);
        final Serde<IndicatorSet> indicatorSets = avro(IndicatorSet.class);

        addIngestStores(builder);
        final KStream<String, Admitted> admitted = rawInputs(builder)
                .process(() -> new IngestProcessor(config, serdeConfig), Named.as("ingest"),
                        SCHOOL_VERSIONS_STORE, CLOCK_STORE, AWAITING_SCHOOL_STORE, AWAITING_REGISTRY_STORE, STAFF_IDS_STORE,
                        CERTIFICATION_IDS_STORE, DEVICE_IDS_STORE);
        final Map<String, KStream<String, Admitted>> routes = admitted.split(Named.as("route-"))
                .branch((k, v) -> v instanceof Admitted.Rejected, Branched.as("rejected"))
                .branch((k, v) -> v instanceof Admitted.Finding, Branched.as("findings"))
                .branch((k, v) -> v instanceof Admitted.FindingCount, Branched.as("finding-counts"))
                .branch((k, v) -> v instanceof Admitted.CurrentSchool, Branched.as("schools"))
                .branch((k, v) -> v instanceof Admitted.Versions, Branched.as("versions"))
                .branch((k, v) -> v instanceof Admitted.Staff, Branched.as("staff"))
                .branch((k, v) -> v instanceof Admitted.Certification, Branched.as("certifications"))
                .branch((k, v) -> v instanceof Admitted.Device, Branched.as("devices"))
                .branch((k, v) -> v instanceof Admitted.Training, Branched.as("training"))
                .noDefaultBranch();

        routes.get("route-rejected")
                .mapValues(v -> ((Admitted.Rejected) v).deadLetter(), Named.as("dead-letter-values"))
                .to(Topics.DEAD_LETTER.name(), Produced.with(keys, avro(DeadLetter.class)).withName("dead-letter-sink"));
        // A sink of its own rather than a merge with the custody findings: a merge would join the ingest
        // and custody sub-topologies into one, which would need their input topics co-partitioned.
        routes.get("route-findings")
                .mapValues(v -> ((Admitted.Finding) v).finding(), Named.as("ingest-finding-values"))
                .to(Topics.DATA_QUALITY.name(), Produced.with(keys, avro(DataQualityFinding.class))
                .withName("ingest-data-quality-sink"));

        final KTable<String, SchoolVersion> currentSchools = routes.get("route-schools")
                .mapValues(v -> ((Admitted.CurrentSchool) v).school(), Named.as("current-school-values"))
                .toTable(Named.as("current-schools-table"),
                        exact(materialized(CURRENT_SCHOOLS_STORE, keys, new InternalAvroSerde<>(SchoolVersion.class))));

        final Serde<SourcedEvent> sourced = new InternalAvroSerde<>(SourcedEvent.class);
        final KStream<String, SourcedEvent> personEvents = routes.get("route-staff")
                .map((schoolId, v) -> {
                    final Admitted.Staff staff = (Admitted.Staff) v;
                    return KeyValue.pair(staff.event().getStaffId(), EntityHistories.staff(staff.event(), staff.origin()));
                }, Named.as("staff-by-staff-id"))
                // Certificates follow the person: they join the person's history, keyed by staff id, never by school.
                .merge(routes.get("route-certifications").map((schoolId, v) -> {
                    final Admitted.Certification award = (Admitted.Certification) v;
                    return KeyValue.pair(award.event().getStaffId(),
                            EntityHistories.certification(award.event(), award.origin()));
                }, Named.as("certifications-by-staff-id")), Named.as("merge-person-events"));
        final KStream<String, SourcedEvent> deviceEvents = routes.get("route-devices")
                .map((schoolId, v) -> {
                    final Admitted.Device device = (Admitted.Device) v;
                    return KeyValue.pair(device.event().getDeviceId(), EntityHistories.device(device.event(), device.origin()));
                }, Named.as("devices-by-device-id"));
        final Map<String, KStream<String, CustodyOutcome>> people = custody(personEvents, EntityKind.PERSON,
                "staff-by-id", PERSON_HISTORY_STORE, EntityHistories::personContribution, sourced);
        final Map<String, KStream<String, CustodyOutcome>> devices = custody(deviceEvents, EntityKind.DEVICE,
                "devices-by-id", DEVICE_HISTORY_STORE, EntityHistories::deviceContribution, sourced);
        people.get("person-route-holders").merge(devices.get("device-route-holders"), Named.as("merge-holders"))
                .mapValues(v -> ((CustodyOutcome.Holder) v).holder(), Named.as("holder-values"))
                .to(Topics.ENTITY_HOLDERS.name(), Produced.with(keys, avro(EntityHolder.class))
                        .withName("entity-holders-sink"));
        people.get("person-route-findings").merge(devices.get("device-route-findings"), Named.as("merge-findings"))
                .mapValues(v -> ((CustodyOutcome.Finding) v).finding(), Named.as("finding-values"))
                .to(Topics.DATA_QUALITY.name(), Produced.with(keys, avro(DataQualityFinding.class))
                        .withName("data-quality-sink"));
        final KTable<String, UnitTotals> schoolStaff = schoolTotals(people, "person", "staff-deltas-by-school",
                "school-staff-aggregate", SCHOOL_STAFF_STORE, keys, totals);
        final KTable<String, UnitTotals> schoolDevices = schoolTotals(devices, "device", "device-deltas-by-school",
                "school-devices-aggregate", SCHOOL_DEVICE_STORE, keys, totals);

        final Map<String, KStream<String, SessionOutcome>> sessions = trainingSessions(routes, keys);
        final KStream<String, DataQualityFinding> sessionFindings = sessions.get("session-route-findings")
                .mapValues(v -> ((SessionOutcome.Finding) v).finding(), Named.as("session-finding-values"));
        sessionFindings.to(Topics.DATA_QUALITY.name(), Produced.with(keys, avro(DataQualityFinding.class))
                .withName("session-findings-sink"));
        // Counts of findings about school records and sessions are made in the ingest sub-topology, so they
        // take one repartition of their own; those about people and devices ride with the custody deltas above.
        final KTable<String, UnitTotals> schoolFindings = routes.get("route-finding-counts")
                .mapValues(v -> ((Admitted.FindingCount) v).delta(), Named.as("ingest-finding-counts"))
                .merge(sessionFindings.mapValues(Totals::ofFinding, Named.as("session-finding-counts")),
                        Named.as("merge-school-finding-counts"))
                .groupByKey(Grouped.with("findings-by-school", keys, totals))
                .aggregate(Totals::zero, (schoolId, delta, aggregate) -> Totals.add(aggregate, delta),
                        Named.as("school-findings-aggregate"), exact(materialized(SCHOOL_FINDINGS_STORE, keys, totals)));
        final KTable<String, UnitTotals> schoolStocks = schoolStaff
                .outerJoin(schoolDevices, Totals::sum, Named.as("school-stocks"))
                .outerJoin(schoolFindings, Totals::sum, Named.as("school-stocks-and-findings"));

        // A school's own totals are placed where its version in force puts it; its commune and its
        // district sum them. When a new version moves it, the join re-emits and each groupBy subtracts
        // from the old unit what it adds to the new one.
        final KTable<String, UnitTotals> schoolUnits = currentSchools
                .leftJoin(schoolStocks, Totals::ofSchool, Named.as("school-to-units"));
        final KTable<String, UnitTotals> communeStocks = sumUp(schoolUnits, UnitLevel.COMMUNE, "schools-by-commune",
                "commune-stocks", COMMUNE_STOCK_STORE, keys, totals);
        final KTable<String, UnitTotals> districtStocks = sumUp(schoolUnits, UnitLevel.DISTRICT, "schools-by-district",
                "district-stocks", DISTRICT_STOCK_STORE, keys, totals);

        final Map<UnitLevel, KTable<String, UnitTotals>> flows = trainingFlows(sessions, keys, totals);

        // Outer joins: a unit with sessions and no school now (a commune merged away in 2025) keeps its history.
        final KTable<String, UnitTotals> schoolTotals = schoolUnits.outerJoin(flows.get(UnitLevel.SCHOOL), Totals::sum,
                Named.as("school-totals-join"), materialized(SCHOOL_TOTALS_STORE, keys, totals));
        publish(schoolTotals, UnitLevel.SCHOOL, SCHOOL_STORE, Topics.SCHOOL_INDICATORS.name(), "school", keys,
                indicatorSets);
        final KTable<String, UnitTotals> communeTotals = communeStocks.outerJoin(flows.get(UnitLevel.COMMUNE),
                Totals::sum, Named.as("commune-totals-join"), materialized(COMMUNE_TOTALS_STORE, keys, totals));
        publish(communeTotals, UnitLevel.COMMUNE, COMMUNE_STORE, Topics.COMMUNE_INDICATORS.name(), "commune", keys,
                indicatorSets);
        final KTable<String, UnitTotals> districtTotals = districtStocks.outerJoin(flows.get(UnitLevel.DISTRICT),
                Totals::sum, Named.as("district-totals-join"), materialized(DISTRICT_TOTALS_STORE, keys, totals));
        publish(districtTotals, UnitLevel.DISTRICT, DISTRICT_STORE, Topics.DISTRICT_INDICATORS.name(), "district",
                keys, indicatorSets);

        // The province is the sum of its communes, the level every school has under the two-tier government.
        final KTable<String, UnitTotals> provinceTotals = sumUp(communeTotals, UnitLevel.PROVINCE, "communes-by-province",
                "province-totals-aggregate", PROVINCE_TOTALS_STORE, keys, totals);
        publish(provinceTotals, UnitLevel.PROVINCE, PROVINCE_STORE, Topics.PROVINCE_INDICATORS.name(), "province",
                keys, indicatorSets);
        checkNames(communeTotals, UnitLevel.COMMUNE, COMMUNE_NAME_CHECKS_STORE, keys);
        checkNames(districtTotals, UnitLevel.DISTRICT, DISTRICT_NAME_CHECKS_STORE, keys);
        checkNames(provinceTotals, UnitLevel.PROVINCE, PROVINCE_NAME_CHECKS_STORE, keys);
        periods(routes, people, devices, sessions, keys);
        return builder.build();
    }

    /** Reports, as data-quality findings, units whose schools name them differently. */
    private void checkNames(final KTable<String, UnitTotals> units, final UnitLevel level, final String store,
                            final Serde<String> keys) {
        final String prefix = level.name().toLowerCase(Locale.ROOT);
        units.toStream(Named.as(prefix + "-name-changes"))
                .process(() -> new UnitNameCheck(level, store), Named.as(prefix + "-name-check"), store)
                .to(Topics.DATA_QUALITY.name(), Produced.with(keys, avro(DataQualityFinding.class))
                        .withName(prefix + "-name-findings-sink"));
    }

    /**
     * The calendar periods of every unit: each school's stocks at every month's end (its people's and
     * devices' monthly changes from the custody step, placed by the version in force then) and the
     * sessions of each month, summed per unit and published per month, quarter, year and school year.
     * The two inputs of the school step come from two sub-topologies, so each takes a repartition topic;
     * the unit step likewise. Their partition counts are Kafka Streams' own choice, the largest of the
     * source topics upstream, which is the raw topics' count for all four: the two inputs of a step are
     * partitioned alike, and the periods scale out with the raw topics like every other step.
     */
    private void periods(final Map<String, KStream<String, Admitted>> routes,
                         final Map<String, KStream<String, CustodyOutcome>> people,
                         final Map<String, KStream<String, CustodyOutcome>> devices,
                         final Map<String, KStream<String, SessionOutcome>> sessions, final Serde<String> keys) {
        final Serde<SchoolMonthInput> inputs = new InternalAvroSerde<>(SchoolMonthInput.class);
        final Serde<UnitMonthDelta> unitMonths = new InternalAvroSerde<>(UnitMonthDelta.class);
        final KStream<String, SchoolMonthInput> versions = routes.get("route-versions")
                .mapValues(v -> {
                    final SchoolVersions school = ((Admitted.Versions) v).versions();
                    return new SchoolMonthInput(school.getSchoolId(), school.getVersions(), 0, List.of());
                }, Named.as("school-version-inputs"))
                .repartition(Repartitioned.with(keys, inputs).withName("school-versions-by-school"));
        final KStream<String, SchoolMonthInput> stocks = people.get("person-route-months")
                .merge(devices.get("device-route-months"), Named.as("merge-stock-months"))
                .mapValues(v -> ((CustodyOutcome.StockMonth) v).change(), Named.as("stock-month-inputs"))
                .repartition(Repartitioned.with(keys, inputs).withName("stock-months-by-school"));
        final KStream<String, UnitMonthDelta> stockMonths = versions
                .merge(stocks, Named.as("merge-school-month-inputs"))
                .process(SchoolMonthsProcessor::new, Named.as("school-months"),
                        SCHOOL_MONTH_VERSIONS_STORE, SCHOOL_MONTH_COUNTS_STORE)
                .repartition(Repartitioned.with(keys, unitMonths).withName("stock-months-by-unit"));
        final KStream<String, UnitMonthDelta> sessionMonths = sessions.get("session-route-deltas")
                .flatMap((key, v) -> sessionMonths(((SessionOutcome.Delta) v).delta()), Named.as("session-months"))
                .repartition(Repartitioned.with(keys, unitMonths).withName("session-months-by-unit"));
        stockMonths.merge(sessionMonths, Named.as("merge-unit-months"))
                .process(() -> new UnitPeriodsProcessor(config.clock(), config.catalogVersion(), catchingUp),
                        Named.as("unit-periods"), UNIT_MONTHS_STORE, UNIT_MONTH_COUNTS_STORE)
                .to(Topics.INDICATOR_PERIODS.name(), Produced.with(keys, avro(PeriodIndicators.class))
                        .withName("indicator-periods-sink"));
    }

    /** A session's signed change as the month's flows of its unit; a commune's also counts in its province. */
    private static List<KeyValue<String, UnitMonthDelta>> sessionMonths(final TrainingDelta delta) {
        final List<Long> counts = new ArrayList<>(Collections.nCopies(Measure.values().length, 0L));
        counts.set(Measure.SESSIONS_IN_PERIOD.ordinal(), delta.getSessions());
        counts.set(Measure.PARTICIPANTS_IN_PERIOD.ordinal(), delta.getParticipants());
        counts.set(Measure.DRILLS_IN_PERIOD.ordinal(), delta.getDrills());
        counts.set(Measure.LATE_IN_PERIOD.ordinal(), delta.getLate());
        final List<Long> splits = delta.getSplits();
        for (final SessionCounter counter : SessionCounter.values()) {
            if (counter.ordinal() < splits.size()) {
                counts.set(Measure.of(counter).ordinal(), splits.get(counter.ordinal()));
            }
        }
        final int month = PeriodCalendar.monthOfDay(delta.getDay());
        final List<KeyValue<String, UnitMonthDelta>> out = new ArrayList<>(2);
        out.add(KeyValue.pair(Places.key(delta.getPlace()),
                new UnitMonthDelta(delta.getPlace(), month, delta.getOccurredAt(), counts)));
        if (UnitLevel.COMMUNE.name().equals(delta.getPlace().getLevel())) {
            final Place province = Places.above(delta.getPlace(), UnitLevel.PROVINCE);
            out.add(KeyValue.pair(Places.key(province), new UnitMonthDelta(province, month, delta.getOccurredAt(),
                    new ArrayList<>(counts))));
        }
        return out;
    }

    private KeyValueBytesStoreSupplier keyValueStore(final String name) {
        return config.inMemoryState() ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    private void addIngestStores(final StreamsBuilder builder) {
        // Uncached: one event changes one person or device, so a cache would seldom collapse two writes
        // of a history in one commit, while a province's histories fill the thread's record cache (10 MiB by
        // default) and a full cache writes out the dirty entries of every store it evicts from, the
        // periods' per-unit state once per change instead of once per commit (BENCHMARKS.md, session 12).
        for (final String store : new String[] {PERSON_HISTORY_STORE, DEVICE_HISTORY_STORE}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(store), Serdes.String(),
                    new InternalAvroSerde<>(EntityHistory.class)));
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(SCHOOL_VERSIONS_STORE),
                Serdes.String(), new InternalAvroSerde<>(SchoolVersions.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(TRAINING_SESSIONS_STORE),
                Serdes.String(), new InternalAvroSerde<>(TrainingFact.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(UNIT_TRAINING_STORE),
                Serdes.String(), new InternalAvroSerde<>(TrainingDays.class)).withCachingEnabled());
        for (final String store : new String[] {COMMUNE_NAME_CHECKS_STORE, DISTRICT_NAME_CHECKS_STORE,
            PROVINCE_NAME_CHECKS_STORE}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(store), Serdes.String(), Serdes.String())
                    .withCachingEnabled());
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(SCHOOL_MONTH_VERSIONS_STORE),
                Serdes.String(), new InternalAvroSerde<>(SchoolVersions.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(UNIT_MONTHS_STORE),
                Serdes.String(), new InternalAvroSerde<>(UnitMonths.class)).withCachingEnabled());
        for (final String store : new String[] {SCHOOL_MONTH_COUNTS_STORE, UNIT_MONTH_COUNTS_STORE}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(store), Serdes.String(),
                    new InternalAvroSerde<>(MonthCount.class)).withCachingEnabled());
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(AWAITING_SCHOOL_STORE),
                Serdes.String(), new InternalAvroSerde<>(ParkedRecord.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(AWAITING_REGISTRY_STORE),
                Serdes.String(), new InternalAvroSerde<>(ParkedRecord.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(keyValueStore(CLOCK_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        for (final String store : new String[] {TRAINING_IDS_STORE, STAFF_IDS_STORE, CERTIFICATION_IDS_STORE,
            DEVICE_IDS_STORE}) {
            // One store per topic: each one's retention runs on its own topic's event time, so a
            // topic replayed behind the others does not see its ids expire on arrival.
            // Always RocksDB, even for a replay: its segments keep ids a little past the retention
            // while the in-memory window store drops them exactly at it, and a replay must forget
            // exactly what the live pipeline forgets.
            builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(store,
                    config.dedupRetention(), Duration.ofMillis(1), false), Serdes.String(), Serdes.Long()));
        }
    }

    private KStream<String, byte[]> rawInputs(final StreamsBuilder builder) {
        // Bytes in, so that an undeserializable record reaches the ingest step and becomes a dead letter.
        final Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());
        return builder.stream(Topics.SCHOOLS.name(), raw.withName("school-reference-source"))
                .merge(builder.stream(Topics.TRAINING_EVENTS.name(), raw.withName("training-events-source")),
                        Named.as("merge-training"))
                .merge(builder.stream(Topics.STAFF_EVENTS.name(), raw.withName("staff-events-source")),
                        Named.as("merge-staff"))
                .merge(builder.stream(Topics.CERTIFICATION_EVENTS.name(),
                        raw.withName("certification-events-source")), Named.as("merge-certifications"))
                .merge(builder.stream(Topics.DEVICE_EVENTS.name(), raw.withName("device-events-source")),
                        Named.as("merge-devices"));
    }

    /**
     * Re-keys the events of persons or devices by entity id, keeps each entity's history and folds it
     * with the rules core; returns the branches {@code <prefix>-route-deltas} (signed changes of a school's
     * totals, keyed by school id: its stocks and the findings that apply now to the events it posted),
     * {@code <prefix>-route-findings} (refused or doubtful events, as found when each event was read) and
     * {@code <prefix>-route-holders} (changes of holder, for the gateway).
     */
    private Map<String, KStream<String, CustodyOutcome>> custody(
            final KStream<String, SourcedEvent> events, final EntityKind kind, final String repartition,
            final String store, final Function<EntityHistory, CustodyProcessor.Folded> fold,
            final Serde<SourcedEvent> sourced) {
        final String prefix = kind.name().toLowerCase(Locale.ROOT);
        return events
                .repartition(Repartitioned.with(Serdes.String(), sourced).withName(repartition))
                .process(() -> new CustodyProcessor(kind, store, fold), Named.as(prefix + "-custody"), store)
                .split(Named.as(prefix + "-route-"))
                .branch((k, v) -> v instanceof CustodyOutcome.Delta, Branched.as("deltas"))
                .branch((k, v) -> v instanceof CustodyOutcome.Finding, Branched.as("findings"))
                .branch((k, v) -> v instanceof CustodyOutcome.Holder, Branched.as("holders"))
                .branch((k, v) -> v instanceof CustodyOutcome.StockMonth, Branched.as("months"))
                .noDefaultBranch();
    }

    /**
     * A school's totals as the sum of the signed deltas of the entities it holds and of the findings
     * that apply now to the events it posted for them (both keyed by that school, so one repartition).
     */
    private static KTable<String, UnitTotals> schoolTotals(final Map<String, KStream<String, CustodyOutcome>> outcomes,
                                                           final String prefix, final String repartition,
                                                           final String name, final String store,
                                                           final Serde<String> keys, final Serde<UnitTotals> totals) {
        return outcomes.get(prefix + "-route-deltas")
                .mapValues(v -> ((CustodyOutcome.Delta) v).delta(), Named.as(name + "-deltas"))
                .groupByKey(Grouped.with(repartition, keys, totals))
                .aggregate(Totals::zero, (schoolId, delta, aggregate) -> Totals.add(aggregate, delta), Named.as(name),
                        exact(materialized(store, keys, totals)));
    }

    /**
     * Training: the session step (keyed by school, as the ingest step's output already is) keeps each
     * session as its school last stated it and sends signed per-day deltas keyed by district, late
     * sessions to their ledger, and findings; returns the branches {@code session-route-deltas} and
     * {@code session-route-findings}.
     */
    private Map<String, KStream<String, SessionOutcome>> trainingSessions(
            final Map<String, KStream<String, Admitted>> routes, final Serde<String> keys) {
        // The school's versions reach the session step too, in the same sub-topology and key (school id):
        // a retroactive version moves the sessions it covers.
        final Map<String, KStream<String, SessionOutcome>> outcomes = routes.get("route-training")
                .merge(routes.get("route-versions"), Named.as("merge-training-and-versions"))
                .process(() -> new TrainingSessionProcessor(config), Named.as("training-sessions"),
                        TRAINING_SESSIONS_STORE, TRAINING_IDS_STORE)
                .split(Named.as("session-route-"))
                .branch((k, v) -> v instanceof SessionOutcome.Delta, Branched.as("deltas"))
                .branch((k, v) -> v instanceof SessionOutcome.Late, Branched.as("late"))
                .branch((k, v) -> v instanceof SessionOutcome.Finding, Branched.as("findings"))
                .noDefaultBranch();
        outcomes.get("session-route-late")
                .mapValues(v -> ((SessionOutcome.Late) v).lateEvent(), Named.as("late-event-values"))
                .to(Topics.LATE_EVENTS.name(), Produced.with(keys, avro(LateEvent.class)).withName("late-event-sink"));
        return outcomes;
    }

    /**
     * The flow step sums the session step's deltas into days per unit (keyed by level and id) and
     * evaluates the windows on the province's current day; returns each level's flow totals keyed by
     * unit id.
     */
    private Map<UnitLevel, KTable<String, UnitTotals>> trainingFlows(
            final Map<String, KStream<String, SessionOutcome>> outcomes, final Serde<String> keys,
            final Serde<UnitTotals> totals) {
        final Serde<TrainingDelta> deltas = new InternalAvroSerde<>(TrainingDelta.class);
        final Map<String, KStream<String, UnitTotals>> byLevel = outcomes.get("session-route-deltas")
                .mapValues(v -> ((SessionOutcome.Delta) v).delta(), Named.as("training-delta-values"))
                .repartition(Repartitioned.with(keys, deltas).withName("training-by-unit"))
                .process(() -> new TrainingFlowProcessor(config.clock()), Named.as("training-flows"),
                        UNIT_TRAINING_STORE)
                .split(Named.as("flows-"))
                .branch((k, v) -> UnitLevel.SCHOOL.name().equals(v.getPlace().getLevel()), Branched.as("school"))
                .branch((k, v) -> UnitLevel.COMMUNE.name().equals(v.getPlace().getLevel()), Branched.as("commune"))
                .branch((k, v) -> UnitLevel.DISTRICT.name().equals(v.getPlace().getLevel()), Branched.as("district"))
                .noDefaultBranch();
        final Map<UnitLevel, KTable<String, UnitTotals>> tables = new EnumMap<>(UnitLevel.class);
        tables.put(UnitLevel.SCHOOL, flowTable(byLevel.get("flows-school"), "school", SCHOOL_FLOW_STORE, keys, totals));
        tables.put(UnitLevel.COMMUNE, flowTable(byLevel.get("flows-commune"), "commune", COMMUNE_FLOW_STORE, keys,
                totals));
        tables.put(UnitLevel.DISTRICT, flowTable(byLevel.get("flows-district"), "district", DISTRICT_FLOW_STORE, keys,
                totals));
        return tables;
    }

    private static KTable<String, UnitTotals> flowTable(final KStream<String, UnitTotals> flows, final String prefix,
                                                        final String store, final Serde<String> keys,
                                                        final Serde<UnitTotals> totals) {
        return flows.selectKey((key, unit) -> unit.getPlace().getUnitId(), Named.as(prefix + "-flows-by-id"))
                .toTable(Named.as(prefix + "-flows-table"), materialized(store, keys, totals));
    }

    /**
     * The totals of each unit of level {@code level} as the sum of the units below it: adds what a
     * unit contributes to its new parent and subtracts it from the old one when it moves.
     */
    private static KTable<String, UnitTotals> sumUp(final KTable<String, UnitTotals> below, final UnitLevel level,
                                                    final String repartition, final String name, final String store,
                                                    final Serde<String> keys, final Serde<UnitTotals> totals) {
        return below
                .groupBy((id, unit) -> {
                    final UnitTotals contribution = Totals.contributionTo(unit, level);
                    // A null key leaves the record out of the aggregate: a school without a district counts in
                    // none (when its new version drops the district, the old district still gets the subtraction).
                    return KeyValue.pair(Places.isNowhere(contribution.getPlace()) ? null
                            : contribution.getPlace().getUnitId(), contribution);
                }, Grouped.with(repartition, keys, totals))
                .aggregate(Totals::zero, (k, v, agg) -> Totals.add(agg, v), (k, v, agg) -> Totals.subtract(agg, v),
                        Named.as(name), materialized(store, keys, totals));
    }

    private void publish(final KTable<String, UnitTotals> unitTotals, final UnitLevel level, final String store,
                         final String topic, final String prefix, final Serde<String> keys,
                         final Serde<IndicatorSet> indicatorSets) {
        final KStream<String, IndicatorSet> published = unitTotals
                .mapValues(t -> IndicatorSets.of(t, level, config.catalogVersion()), Named.as(prefix + "-indicator-sets"),
                        materialized(store, keys, indicatorSets))
                .toStream(Named.as(prefix + "-indicator-changes"));
        published.to(topic, Produced.with(keys, indicatorSets).withName(prefix + "-indicators-sink"));
        published.to(Topics.INDICATOR_HISTORY.name(),
                Produced.with(keys, indicatorSets).withName(prefix + "-history-sink"));
    }

    private <T extends org.apache.avro.specific.SpecificRecord> Serde<T> avro(final Class<T> type) {
        return SpecificAvroSerde.of(type, serdeConfig, false);
    }

    /**
     * Without a record cache, for the inputs of the non-linear join of a school with its stocks and
     * finding counts (and the school totals behind it). A KTable-KTable join computes its old value with the other
     * side's current value; if both sides sit in caches and both change before a flush, the first
     * flush subtracts a value that was never added downstream. Uncached, every change runs
     * depth-first and stays exact. The sum-only joins and the district and province aggregates keep
     * their caches.
     */
    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> exact(
            final Materialized<String, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return materialized.withCachingDisabled();
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> materialized(
            final String name, final Serde<String> keys, final Serde<V> values) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(name).withKeySerde(keys).withValueSerde(values);
    }
}
