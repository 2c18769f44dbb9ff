package org.edupulse.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.edupulse.rules.DataQuality;
import org.edupulse.rules.DeviceCustody;
import org.edupulse.rules.DeviceState;
import org.edupulse.rules.EventRules;
import org.edupulse.rules.FieldLimits;
import org.edupulse.rules.Finding;
import org.edupulse.rules.FindingKind;
import org.edupulse.rules.PersonCustody;
import org.edupulse.rules.PersonState;
import org.edupulse.rules.Refusal;
import org.edupulse.rules.RuleViolation;
import org.edupulse.rules.TrainingRules;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.serde.CachedSchemaRegistryClient;
import org.edupulse.serde.SchemaRegistryAuthenticationException;
import org.edupulse.serde.SchemaRegistryClient;
import org.edupulse.serde.SchemaRegistryUnavailableException;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.state.DayCount;
import org.edupulse.streams.state.Place;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.SchoolVersions;
import org.edupulse.streams.state.TrainingDays;
import org.edupulse.streams.state.TrainingFact;
import org.edupulse.streams.state.UnitTotals;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * Every unit's indicators as a fold of the rules core over the raw log, in memory, without a Kafka
 * Streams runtime: what the audit's replay and lineage evaluate. It composes the very pieces the
 * live topology's processors call, in the same places: the rules core validates each record
 * ({@link EventRules}), folds each person and device ({@link PersonCustody}, {@link DeviceCustody}),
 * says what a session adds and how windows and lateness work ({@link TrainingRules}) and what is
 * doubtful ({@link DataQuality}); {@link Totals} says what an entity, a school version and a finding
 * contribute to a unit and how units sum; {@link IndicatorSets} turns totals into the published set.
 * Only the plumbing differs: where the topology repartitions and aggregates tables, the fold keeps
 * maps and sums them once at the end.
 *
 * <p><b>What it reproduces of the topology's order.</b> The ingest step is per task (partition
 * {@code p} of every raw topic, co-partitioned by school id): its event-time clock, its school
 * versions and the events it parks until their school's record arrives. The fold runs each task as
 * Kafka Streams does: it merges the task's partitions by the timestamp of each one's next record
 * (each partition in the order given), so the clock activates the same school versions. Each
 * school's training sessions are decided in that order too (a correction replaces, a re-used event
 * id counts once), as the session step does. Everything after is order-free: an entity's state is
 * the rules core's fold of its distinct events, and every unit is a sum.
 *
 * <p><b>Cost.</b> One decode and one rules check per record, one fold per person and device (the
 * topology folds an entity's history on each of its events), then one pass over schools and units.
 * Tasks share nothing until custody, so they run side by side, on the feed's own threads while the log
 * is still being read ({@link Feed}). Custody then runs in shards of the entities, side by side too (the
 * common fork-join pool, one shard per core): each task files its admissions by the shard the entity's
 * id hashes to, and each shard reads its own from every task in order, folds its entities and sums
 * their contributions per school in place
 * ({@code Totals.Sum}); every sum is exact, so the order they finish in does not matter. A fold for
 * figures only (a replay) keeps no lineage index.
 */
public final class LogFold {

    /** The raw topics the fold reads, in the fixed order that breaks timestamp ties: schools first. */
    public static final List<Topic<String, ?>> INPUTS = Topics.INDICATOR_INPUTS;
    private static final Duration PARKED_CHECK = Duration.ofSeconds(30);
    private static final char SEPARATOR = '\u0000';

    /**
     * One raw record as read from the log.
     *
     * @param timestamp the timestamp the fold reads it at: the append time, or the event-time replay's own
     */
    public record Input(String topic, int partition, long offset, long timestamp, String key, byte[] value) {

        public Input {
            Objects.requireNonNull(topic, "topic");
        }

        /** The key as the topology reads it: the bytes as UTF-8, or null. */
        public static String key(final byte[] key) {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }
    }

    /** Where a record was read from. */
    public record Source(String topic, int partition, long offset) {
    }

    private final IndicatorsConfig config;
    private final EventRules rules;
    /** One client for every task's readers: each schema id is fetched once per fold, over one HTTP client. */
    private final SchemaRegistryClient registry;

    private final boolean lineage;
    /** The shards custody runs in, side by side: one per core. */
    private final int shardCount = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final Outputs merged = new Outputs();
    private final List<Task> tasks = new ArrayList<>();

    /**
     * A fold that also keeps what lineage explains figures with: where each event was read and each
     * finding that counts ({@link Result#sourceIndex()}, {@link Result#findings()}).
     *
     * @param config      the live application's settings; its clock says the instant the windows end on
     * @param serdeConfig the serde configuration of the registry the records were written with (read only)
     */
    public LogFold(final IndicatorsConfig config, final Map<String, ?> serdeConfig) {
        this(config, serdeConfig, true);
    }

    /**
     * @param lineage whether to keep where each event was read and each finding that counts; without, the
     *                result's {@link Result#sourceIndex()} and {@link Result#findings()} are empty and
     *                the figures the same (what a replay needs, at less cost)
     */
    public LogFold(final IndicatorsConfig config, final Map<String, ?> serdeConfig, final boolean lineage) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = new EventRules(config.maxFutureSkew());
        this.registry = CachedSchemaRegistryClient.forConfig(serdeConfig);
        this.lineage = lineage;
    }

    private <T extends SpecificRecord> Deserializer<T> reader(final Class<T> type) {
        return SpecificAvroSerde.deserializer(type, registry);
    }

    /**
     * Folds {@code log}: the records of each topic-partition in the order the partition is read (offset
     * order, or the event-time replay's), partitions interleaved in any way.
     */
    public Result fold(final List<Input> log) {
        final Set<TopicPartition> partitions = new LinkedHashSet<>();
        for (final Input input : log) {
            partitions.add(new TopicPartition(input.topic(), input.partition()));
        }
        try (Feed feed = feed(partitions)) {
            log.forEach(feed::add);
            return feed.finish();
        }
    }

    /**
     * A fold fed while the log is read: {@link Feed#add} each record of {@code partitions} as it comes,
     * {@link Feed#end} each partition once read, then {@link Feed#finish}. The result is the same as
     * {@link #fold} over the same records.
     *
     * @param partitions every topic-partition that may deliver records (one that ends up with none is
     *                   as if absent)
     */
    public Feed feed(final Collection<TopicPartition> partitions) {
        return feed(partitions, Feed.BATCH, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * {@link #feed(Collection)}, handing each task its records {@code batch} at a time, folded by {@code threads}
     * threads besides the reading one (tests try a batch of 1, and more threads than this machine has cores).
     */
    Feed feed(final Collection<TopicPartition> partitions, final int batch, final int threads) {
        if (!tasks.isEmpty()) {
            throw new IllegalStateException("a LogFold folds one log");
        }
        final Map<Integer, Set<String>> topicsByTask = new TreeMap<>();
        for (final TopicPartition partition : partitions) {
            topicsByTask.computeIfAbsent(partition.partition(), p -> new HashSet<>()).add(partition.topic());
        }
        topicsByTask.forEach((partition, topics) -> tasks.add(new Task(partition, topics)));
        return new Feed(batch, threads);
    }

    /**
     * The records of a log, handed to the fold's tasks while it is read. Each task folds its records as
     * Kafka Streams would: the partition whose next record has the earliest timestamp first. So a task
     * takes a step only while every partition it reads that is not at its end has a record waiting (as
     * the batch fold would see it); in the meantime its records wait. While the log is read, the feed's
     * own threads (one fewer than the cores: the reading thread has the last) fold the tasks, a round of
     * each in turn, one thread at a time each; at {@link #finish()} the reading thread folds what is left
     * with them. Only the thread that made the feed may call it.
     */
    public final class Feed implements AutoCloseable {
        /** Records handed to a task at a time: few enough that its partitions' heads come soon. */
        private static final int BATCH = 1_000;
        private final int batch;
        private final Thread caller = Thread.currentThread();
        private final Map<Integer, Task> byPartition = new HashMap<>();
        private final ExecutorService folders;
        private volatile Throwable failure;
        private volatile boolean stopped;
        private boolean finished;

        private Feed(final int batch, final int threads) {
            this.batch = batch;
            this.folders = Executors.newFixedThreadPool(threads, runnable -> {
                final Thread thread = new Thread(runnable, "edupulse-log-fold");
                thread.setDaemon(true);
                return thread;
            });
            for (final Task task : tasks) {
                task.feed = this;
                byPartition.put(task.partition(), task);
            }
        }

        /** The next record of its topic-partition, which was named when the feed was made. */
        public void add(final Input input) {
            final Task task = byPartition.get(input.partition());
            if (task == null) {
                throw new IllegalArgumentException("no partition " + input.partition() + " was named for this fold");
            }
            task.filling.add(input);
            if (task.filling.size() >= batch) {
                hand(task, List.of());
            }
        }

        /** No more records of this topic-partition will come. */
        public void end(final String topic, final int partition) {
            final Task task = byPartition.get(partition);
            if (task != null) {
                hand(task, List.of(topic));
            }
        }

        /** Folds what is left once every record was added, the calling thread beside the feed's, and the rest of the fold. */
        public Result finish() {
            if (finished) {
                throw new IllegalStateException("the feed is finished");
            }
            finished = true;
            for (final Task task : tasks) {
                hand(task, task.topics());
            }
            // The tasks no other thread is folding, then each one again, waiting for the thread folding it.
            for (final Task task : tasks) {
                task.drain(false);
            }
            for (final Task task : tasks) {
                task.drain(true);
            }
            folders.shutdown();
            rethrow();
            stopped = true;
            return custody();
        }

        /** Gives up a feed not finished: the tasks stop at their next step. */
        @Override
        public void close() {
            stopped = true;
            folders.shutdownNow();
        }

        private void hand(final Task task, final List<String> ended) {
            rethrow();
            final List<Input> inputs = task.filling;
            task.filling = new ArrayList<>(batch);
            if (task.offer(new Delivery(inputs, ended))) {
                folders.execute(task::round);
            }
        }

        private void fail(final Throwable e) {
            if (failure == null) {
                failure = e;
            }
            stopped = true;
        }

        private void rethrow() {
            final Throwable failed = failure;
            if (failed instanceof RuntimeException e) {
                throw e;
            }
            if (failed instanceof Error e) {
                throw e;
            }
        }
    }

    /** Records handed to a task together, and the partitions of it that have then ended. */
    private record Delivery(List<Input> inputs, List<String> ended) {
    }

    /** Everything after the tasks: custody in shards, then the sums per unit. */
    private Result custody() {
        tasks.forEach(merged::absorb);
        // Custody is per entity and across tasks: each shard of the entities reads every task's admissions
        // in task order, then log order (what an entity's history holds does not depend on other entities),
        // and folds and sums its own entities; the shards run side by side.
        final Thread caller = Thread.currentThread();
        final List<Shard> shards = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            shards.add(new Shard(i));
        }
        shards.parallelStream().forEach(shard -> shard.run(caller));
        shards.forEach(shard -> merged.absorb(shard.found));
        return result(shards);
    }

    private static int rank(final String topic) {
        for (int i = 0; i < INPUTS.size(); i++) {
            if (INPUTS.get(i).name().equals(topic)) {
                return i;
            }
        }
        return INPUTS.size();
    }

    // ---------------------------------------------------------------- sums per unit

    private Result result(final List<Shard> shards) {
        final long now = config.clock().millis();
        final List<CountedFinding> counted = new ArrayList<>(merged.countedForGood);
        final Map<String, PersonState> personStates = new Sharded<>(shards.stream().map(s -> s.personStates).toList());
        final Map<String, DeviceState> deviceStates = new Sharded<>(shards.stream().map(s -> s.deviceStates).toList());
        final Map<String, Totals.Sum> sums = new HashMap<>();
        for (final Shard shard : shards) {
            counted.addAll(shard.counted);
            shard.stocks.forEach((schoolId, sum) -> {
                final Totals.Sum total = sums.get(schoolId);
                if (total == null) {
                    sums.put(schoolId, sum);
                } else {
                    total.add(sum.totals());
                }
            });
        }
        merged.schoolFindings.forEach((schoolId, counts) -> addTo(sums,
                Totals.ofFindings(schoolId, Long.MIN_VALUE, counts[0], counts[1])));
        final Map<String, UnitTotals> stocks = new HashMap<>();
        sums.forEach((schoolId, sum) -> stocks.put(schoolId, sum.totals()));

        final Map<String, SchoolVersion> current = new TreeMap<>();
        final Map<String, TrainingFact> standing = new TreeMap<>();
        for (final Task task : tasks) {
            task.schools.forEach((id, versions) -> {
                current.put(id, IngestProcessor.versionAt(versions, versions.getActiveFrom()));
                // A school version without learners is doubtful while it stands (a correction withdraws it).
                for (final SchoolVersion version : versions.getVersions()) {
                    if (DataQuality.withoutLearners(version.getLearnersEnrolled())) {
                        final String recordId = id + "@" + LocalDate.ofEpochDay(version.getEffectiveFrom());
                        counted.add(new CountedFinding(Finding.SCHOOL_WITHOUT_LEARNERS, false, id, id, recordId,
                                sourceOf(Topics.SCHOOLS.name(), recordId)));
                    }
                }
            });
            task.sessions.forEach((schoolId, sessions) -> sessions.forEach((sessionId, fact) ->
                    standing.put(TrainingRules.sessionKey(schoolId, sessionId), fact)));
        }
        final Map<String, IndicatorSet> sets = new LinkedHashMap<>();
        final Map<String, UnitTotals> communeStocks = new HashMap<>();
        final Map<String, UnitTotals> districtStocks = new HashMap<>();
        merged.communesTouched.forEach((id, place) -> communeStocks.put(id, Totals.of(place, Long.MIN_VALUE)));
        merged.districtsTouched.forEach((id, place) -> districtStocks.put(id, Totals.of(place, Long.MIN_VALUE)));
        final Set<String> schoolIds = new TreeSet<>(current.keySet());
        merged.flows.values().stream().filter(f -> UnitLevel.SCHOOL.name().equals(f.place.getLevel()))
                .forEach(f -> schoolIds.add(f.place.getUnitId()));
        for (final String schoolId : schoolIds) {
            final SchoolVersion school = current.get(schoolId);
            UnitTotals unit = null;
            if (school != null) {
                unit = Totals.ofSchool(school, stocks.get(schoolId));
                sumInto(communeStocks, Totals.contributionTo(unit, UnitLevel.COMMUNE));
                sumInto(districtStocks, Totals.contributionTo(unit, UnitLevel.DISTRICT));
            }
            final UnitTotals totals = Totals.sum(unit, flowTotals(UnitLevel.SCHOOL, schoolId, now));
            sets.put(schoolId, IndicatorSets.of(totals, UnitLevel.SCHOOL, config.catalogVersion()));
        }
        final Map<String, UnitTotals> provinces = new HashMap<>();
        for (final String communeId : unitsOf(UnitLevel.COMMUNE, communeStocks)) {
            final UnitTotals totals = Totals.sum(communeStocks.get(communeId), flowTotals(UnitLevel.COMMUNE, communeId, now));
            sets.put(communeId, IndicatorSets.of(totals, UnitLevel.COMMUNE, config.catalogVersion()));
            sumInto(provinces, Totals.contributionTo(totals, UnitLevel.PROVINCE));
        }
        for (final String districtId : unitsOf(UnitLevel.DISTRICT, districtStocks)) {
            final UnitTotals totals = Totals.sum(districtStocks.get(districtId),
                    flowTotals(UnitLevel.DISTRICT, districtId, now));
            sets.put(districtId, IndicatorSets.of(totals, UnitLevel.DISTRICT, config.catalogVersion()));
        }
        new TreeMap<>(provinces).forEach((id, totals) ->
                sets.put(id, IndicatorSets.of(totals, UnitLevel.PROVINCE, config.catalogVersion())));
        counted.sort(Comparator.comparing(CountedFinding::schoolId).thenComparing(CountedFinding::ruleId)
                .thenComparing(CountedFinding::eventId));
        return new Result(sets, current, personStates, deviceStates, standing, merged.sources,
                lineage ? counted : List.of(), merged.records,
                merged.rejected,
                tasks.stream().mapToLong(t -> t.parked.size()).sum());
    }

    private void addEntity(final Map<String, Totals.Sum> stocks, final CustodyProcessor.Folded folded,
                           final String entityId, final Map<Object, Source> read, final List<CountedFinding> counted) {
        final Totals.Stock stock = folded.stock();
        final List<Finding> findings = folded.findings();
        if (stock != null && !stock.schoolId().isEmpty()) {
            final Totals.Sum sum = stocks.get(stock.schoolId());
            if (sum == null) {
                stocks.put(stock.schoolId(), new Totals.Sum(stock.totals()));
            } else {
                sum.add(stock);
            }
        }
        if (findings.isEmpty()) {
            return;
        }
        final Map<String, long[]> tally = new TreeMap<>();
        for (final Finding finding : findings) {
            final boolean refused = FindingKind.of(finding.ruleId()) == FindingKind.REFUSED;
            tally.computeIfAbsent(finding.schoolId(), s -> new long[2])[refused ? 0 : 1]++;
            if (!lineage) {
                continue;
            }
            final String topic = finding.event() instanceof DeviceEvent ? Topics.DEVICE_EVENTS.name()
                    : finding.event() instanceof CertificationEvent ? Topics.CERTIFICATION_EVENTS.name()
                    : Topics.STAFF_EVENTS.name();
            // Where this very copy was read: a copy refused for reusing an id has its own place in the log.
            final Source source = read == null ? null : read.get(finding.event());
            counted.add(new CountedFinding(finding.ruleId(), refused, finding.schoolId(), entityId, finding.eventId(),
                    source != null ? source : sourceOf(topic, finding.eventId())));
        }
        tally.forEach((schoolId, counts) -> addTo(stocks,
                Totals.ofFindings(schoolId, Long.MIN_VALUE, counts[0], counts[1])));
    }

    /** {@link #sumInto} for the many contributions to schools: summed in place. */
    private static void addTo(final Map<String, Totals.Sum> units, final UnitTotals contribution) {
        if (Places.isNowhere(contribution.getPlace())) {
            return;
        }
        final String unitId = contribution.getPlace().getUnitId();
        final Totals.Sum sum = units.get(unitId);
        if (sum == null) {
            units.put(unitId, new Totals.Sum(contribution));
        } else {
            sum.add(contribution);
        }
    }

    /** Adds a contribution to the totals of the unit it names (none when it names no unit: a school without district). */
    private static void sumInto(final Map<String, UnitTotals> units, final UnitTotals contribution) {
        if (Places.isNowhere(contribution.getPlace())) {
            return;
        }
        units.merge(contribution.getPlace().getUnitId(), contribution, (sum, more) -> Totals.add(sum, more));
    }

    /** The ids of the units of {@code level} with stocks or sessions, sorted. */
    private Set<String> unitsOf(final UnitLevel level, final Map<String, UnitTotals> stocks) {
        final Set<String> ids = new TreeSet<>(stocks.keySet());
        merged.flows.values().stream().filter(f -> level.name().equals(f.place.getLevel()))
                .forEach(f -> ids.add(f.place.getUnitId()));
        return ids;
    }

    /** The unit's training flows with windows ending on the day of {@code now}, as the flow step computes them; or null. */
    private UnitTotals flowTotals(final UnitLevel level, final String unitId, final long now) {
        final Flow flow = merged.flows.get(level.name() + ":" + unitId);
        if (flow == null) {
            return null;
        }
        final int today = ProvinceCalendar.epochDay(now);
        final List<DayCount> days = new ArrayList<>();
        flow.days.forEach((day, sessions, participants, drills) -> {
            if (day > today - TrainingRules.WIDEST_WINDOW_DAYS && (sessions != 0 || participants != 0 || drills != 0)) {
                days.add(new DayCount(day, sessions, participants, drills));
            }
        });
        return TrainingFlowProcessor.totals(new TrainingDays(flow.place, flow.asOf, flow.sessions, flow.late, days), now);
    }

    // ---------------------------------------------------------------- state

    /**
     * What folding records produces besides the entities: per school, the refused and doubtful records
     * that count (for good, and the doubtful school versions now); each unit's sessions per day; every
     * commune and district a version was ever in force in (published even when empty); where each
     * event was read; the findings that count for good; and counts. Each task has its own, merged in
     * task order after the tasks ran.
     */
    private static class Outputs {
        final Map<String, long[]> schoolFindings = new HashMap<>();
        final Map<String, Flow> flows = new HashMap<>();
        final Map<String, Place> communesTouched = new HashMap<>();
        final Map<String, Place> districtsTouched = new HashMap<>();
        final Map<String, Map<String, Source>> sources = new HashMap<>();
        final List<CountedFinding> countedForGood = new ArrayList<>();
        long records;
        long rejected;

        void source(final Input input, final String id, final boolean last) {
            final Map<String, Source> byId = sources.computeIfAbsent(input.topic(), t -> new HashMap<>());
            final Source source = new Source(input.topic(), input.partition(), input.offset());
            if (last) {
                byId.put(id, source);
            } else {
                byId.putIfAbsent(id, source);
            }
        }

        long[] findings(final String schoolId) {
            return schoolFindings.computeIfAbsent(schoolId, id -> new long[2]);
        }

        void countFinding(final String ruleId, final String schoolId, final String entityId, final String eventId,
                          final String topic, final int partition, final long offset) {
            final boolean refused = FindingKind.of(ruleId) == FindingKind.REFUSED;
            findings(schoolId)[refused ? 0 : 1]++;
            countedForGood.add(new CountedFinding(ruleId, refused, schoolId, entityId, eventId,
                    new Source(topic, partition, offset)));
        }

        /** Adds a task's outputs, tasks taken in partition order. */
        void absorb(final Outputs task) {
            task.schoolFindings.forEach((school, counts) -> {
                final long[] sum = findings(school);
                sum[0] += counts[0];
                sum[1] += counts[1];
            });
            task.flows.forEach((key, flow) -> flows.merge(key, flow, Flow::plus));
            communesTouched.putAll(task.communesTouched);
            districtsTouched.putAll(task.districtsTouched);
            task.sources.forEach((topic, byId) -> {
                final Map<String, Source> mine = sources.computeIfAbsent(topic, t -> new HashMap<>());
                if (Topics.SCHOOLS.name().equals(topic)) {
                    mine.putAll(byId);
                } else {
                    byId.forEach(mine::putIfAbsent);
                }
            });
            countedForGood.addAll(task.countedForGood);
            records += task.records;
            rejected += task.rejected;
        }
    }

    /** A stock event a task admitted, and where it was read, for the custody of its person or device after every task ran. */
    private record Admission(String entityId, SpecificRecord event, String schoolId, String topic, int partition,
                             long offset) {
    }

    /** One partition of a task: its records waiting, in the order read, and whether it has ended. */
    private static final class PartitionQueue {
        final String topic;
        final ArrayDeque<Input> records = new ArrayDeque<>();
        boolean ended;

        PartitionQueue(final String topic) {
            this.topic = topic;
        }
    }

    /** The ingest step's state of one task: its schools, event-time clock and parked events; its sessions. */
    private final class Task extends Outputs {
        /** The task's partitions, in the order that breaks timestamp ties. */
        final List<PartitionQueue> queues;
        final int partition;
        Feed feed;
        /** The records the reading thread has not handed over yet; that thread's only. */
        List<Input> filling = new ArrayList<>();
        /** What was handed over and not yet taken; guarded by itself, as is {@link #scheduled}. */
        private final List<Delivery> inbox = new ArrayList<>();
        private boolean scheduled;
        /** Held by the one thread that folds the task at a time. */
        private final ReentrantLock folding = new ReentrantLock();
        final Deserializer<School> schoolReader = reader(School.class);
        final Deserializer<TrainingEvent> trainingReader = reader(TrainingEvent.class);
        final Deserializer<StaffEvent> staffReader = reader(StaffEvent.class);
        final Deserializer<CertificationEvent> certificationReader = reader(CertificationEvent.class);
        final Deserializer<DeviceEvent> deviceReader = reader(DeviceEvent.class);
        /** The stock events admitted, by the shard of their person or device. */
        final List<List<Admission>> admissions = new ArrayList<>();
        final Map<String, SchoolVersions> schools = new HashMap<>();
        final PendingVersions pending = new PendingVersions();
        final TreeMap<String, Input> parked = new TreeMap<>();
        final Map<String, Map<String, TrainingFact>> sessions = new HashMap<>();
        /** Training event ids per school: "schoolId|eventId" to the append times and digests of their uses. */
        final Map<String, List<long[]>> ids = new HashMap<>();
        long seenDigest;
        /** The flows each school version's sessions count in, by the version object the facts share. */
        final Map<SchoolVersion, Flow[]> unitFlows = new IdentityHashMap<>();
        /**
         * One string per school id, programme, issuer and team commune among the stock events kept for custody:
         * a fold keeps every one until its end, and each decoded event brought its own copies (BENCHMARKS.md,
         * "Session 22").
         */
        private final Map<String, String> shared = new HashMap<>();
        long clock = Long.MIN_VALUE;
        long streamTime = Long.MIN_VALUE;
        long nextCheck = Long.MIN_VALUE;

        int clockDay() {
            return clock == Long.MIN_VALUE ? Integer.MIN_VALUE : ProvinceCalendar.epochDay(clock);
        }

        void advanceClock(final long time) {
            final long before = clock;
            if (time <= before) {
                return;
            }
            clock = time;
            final int day = ProvinceCalendar.epochDay(time);
            if (before == Long.MIN_VALUE || day > ProvinceCalendar.epochDay(before)) {
                final Set<String> due = pending.dueBy(day, Comparator.naturalOrder());
                for (final String schoolId : due) {
                    activate(schools.get(schoolId), day);
                }
            }
        }

        void activate(final SchoolVersions versions, final int day) {
            final SchoolVersion inForce = IngestProcessor.versionAt(versions, day);
            if (versions.getActiveFrom() != null && versions.getActiveFrom() == inForce.getEffectiveFrom()) {
                return;
            }
            final SchoolVersions activated = new SchoolVersions(versions.getSchoolId(), inForce.getEffectiveFrom(),
                    versions.getVersions());
            schools.put(versions.getSchoolId(), activated);
            pending.index(activated);
            final Place school = Places.school(inForce);
            communesTouched.put(inForce.getCommuneId(), Places.above(school, UnitLevel.COMMUNE));
            if (Places.hasDistrict(school)) {
                districtsTouched.put(inForce.getDistrictId(), Places.above(school, UnitLevel.DISTRICT));
            }
        }

        /**
         * The stream-time check of parked events after each record, on the ingest step's schedule: events
         * whose school's record has not come within the reference wait of append time are refused.
         */
        void punctuate(final long timestamp) {
            streamTime = Math.max(streamTime, timestamp);
            if (streamTime < nextCheck) {
                return;
            }
            final long interval = Math.min(config.referenceWait().toMillis(), PARKED_CHECK.toMillis());
            nextCheck = nextCheck == Long.MIN_VALUE || streamTime >= nextCheck + interval ? streamTime + interval
                    : nextCheck + interval;
            final long limit = streamTime - config.referenceWait().toMillis();
            final int before = parked.size();
            parked.values().removeIf(input -> input.timestamp() < limit);
            rejected += before - parked.size();
        }

        /** Whether a training event id is used for the first time by its school (within the retention, in append time). */
        boolean firstUse(final TrainingFact fact, final Duration retention) {
            final String key = fact.getSchoolId() + "|" + fact.getEventId();
            final long appended = fact.getAppendedAt();
            final List<long[]> uses = ids.computeIfAbsent(key, k -> new ArrayList<>(1));
            long[] earliest = null;
            for (final long[] use : uses) {
                if (Math.abs(use[0] - appended) <= retention.toMillis() && (earliest == null || use[0] < earliest[0])) {
                    earliest = use;
                }
            }
            if (earliest != null) {
                seenDigest = earliest[1];
                return false;
            }
            uses.add(new long[] {appended, fact.getContentHash()});
            return true;
        }

        Task(final int partition, final Collection<String> topics) {
            this.partition = partition;
            this.queues = topics.stream()
                    .sorted(Comparator.comparingInt(LogFold::rank).thenComparing(Comparator.naturalOrder()))
                    .map(PartitionQueue::new).toList();
            for (int i = 0; i < shardCount; i++) {
                admissions.add(new ArrayList<>());
            }
        }

        int partition() {
            return partition;
        }

        List<String> topics() {
            return queues.stream().map(q -> q.topic).toList();
        }

        /** Hands records over; true when no thread is folding the task or about to, so one must be asked to. */
        boolean offer(final Delivery delivery) {
            synchronized (inbox) {
                inbox.add(delivery);
                final boolean idle = !scheduled;
                scheduled = true;
                return idle;
            }
        }

        /**
         * One round of the feed's threads: folds what was handed over, as far as the task's order allows,
         * then asks for another round after the other tasks' if more came meanwhile (so no task waits for
         * the end of the log while another keeps a thread). A task that the reading thread is finishing is
         * left to it.
         */
        void round() {
            // Only one round of a task is scheduled at a time (see offer), so the lock is taken here unless
            // finish() has the reading thread folding the task, which then folds everything handed over.
            if (!folding.tryLock()) {
                return;
            }
            try {
                if (feed.stopped || !take()) {
                    return;
                }
                foldReady();
            } catch (final RuntimeException | Error e) {
                feed.fail(e);
                return;
            } finally {
                folding.unlock();
            }
            // Released before another round may be scheduled: a round that found the lock held by an earlier
            // one would return and leave what came meanwhile waiting for finish().
            final boolean again;
            synchronized (inbox) {
                again = !inbox.isEmpty();
                scheduled = again;
            }
            if (again && !feed.stopped) {
                try {
                    feed.folders.execute(this::round);
                } catch (final RejectedExecutionException finishing) {
                    // finish() has shut the threads down: the reading thread folds the rest.
                }
            }
        }

        /** Moves what was handed over into the partitions' queues; false, and no round scheduled, if nothing was. */
        private boolean take() {
            final List<Delivery> delivered;
            synchronized (inbox) {
                if (inbox.isEmpty()) {
                    scheduled = false;
                    return false;
                }
                delivered = new ArrayList<>(inbox);
                inbox.clear();
            }
            for (final Delivery delivery : delivered) {
                for (final Input input : delivery.inputs()) {
                    queue(input.topic()).records.add(input);
                }
                for (final String topic : delivery.ended()) {
                    queue(topic).ended = true;
                }
            }
            return true;
        }

        /**
         * Folds what was handed over, as far as the task's order allows, until nothing more is; {@code wait}
         * for a thread folding it already, else leave it to that thread.
         */
        void drain(final boolean wait) {
            if (wait) {
                folding.lock();
            } else if (!folding.tryLock()) {
                return;
            }
            try {
                while (!feed.stopped && take()) {
                    foldReady();
                }
            } catch (final RuntimeException | Error e) {
                feed.fail(e);
            } finally {
                folding.unlock();
            }
        }

        private PartitionQueue queue(final String topic) {
            for (final PartitionQueue queue : queues) {
                if (queue.topic.equals(topic)) {
                    return queue;
                }
            }
            throw new IllegalArgumentException(topic + "-" + partition + " was not named for this fold");
        }

        /** Reads the task's records in Kafka Streams' order, as the ingest step would, as far as they are known. */
        private void foldReady() {
            Input next;
            while ((next = next()) != null) {
                if (++records % 1_000 == 0) {
                    if (feed.caller.isInterrupted()) {
                        // A caller that gave up (an HTTP lineage past its timeout) frees the threads.
                        throw new IllegalStateException("the fold of the log was interrupted");
                    }
                    if (feed.stopped) {
                        return;
                    }
                }
                handle(next);
                punctuate(next.timestamp());
            }
        }

        /**
         * The task's next record: the head with the smallest timestamp, ties by topic order (queues are in
         * that order); null while a partition not at its end has none waiting, or when all are done.
         */
        private Input next() {
            PartitionQueue next = null;
            long earliest = Long.MAX_VALUE;
            for (final PartitionQueue queue : queues) {
                final Input head = queue.records.peekFirst();
                if (head == null) {
                    if (!queue.ended) {
                        return null;
                    }
                } else if (next == null || head.timestamp() < earliest) {
                    next = queue;
                    earliest = head.timestamp();
                }
            }
            return next == null ? null : next.records.pollFirst();
        }

        // ---------------------------------------------------------------- the ingest step, per task

        /** Admits, parks or refuses one record, as the ingest step does. */
        private void handle(final Input input) {
            try {
                if (IngestProcessor.recordBytes(input.key(), input.value()) > FieldLimits.MAX_RECORD_BYTES) {
                    throw new Rejection();
                }
                final String topic = input.topic();
                if (Topics.SCHOOLS.name().equals(topic)) {
                    final School school = read(schoolReader, input);
                    check(input, school, school.getSchoolId());
                    admitSchool(input, school);
                } else if (Topics.TRAINING_EVENTS.name().equals(topic)) {
                    final TrainingEvent event = read(trainingReader, input);
                    checkEvent(input, event, event.getSchoolId());
                    admitTraining(input, event);
                } else if (Topics.STAFF_EVENTS.name().equals(topic)) {
                    final StaffEvent event = read(staffReader, input);
                    checkEvent(input, event, event.getSchoolId());
                    admitStock(input, event.getStaffId(), event, event.getOccurredAt());
                } else if (Topics.CERTIFICATION_EVENTS.name().equals(topic)) {
                    final CertificationEvent event = read(certificationReader, input);
                    checkEvent(input, event, event.getSchoolId());
                    admitStock(input, event.getStaffId(), event, event.getOccurredAt());
                } else if (Topics.DEVICE_EVENTS.name().equals(topic)) {
                    final DeviceEvent event = read(deviceReader, input);
                    checkEvent(input, event, event.getSchoolId());
                    admitStock(input, event.getDeviceId(), event, event.getOccurredAt());
                } else {
                    throw new Rejection();
                }
            } catch (final UnknownSchool unknown) {
                parked.put(parkedKey(unknown.schoolId, input), input);
            } catch (final RegistryUnreachable unreachable) {
                throw unreachable;
            } catch (final RuntimeException e) {
                // As live: a record nothing foresaw is a dead letter, not the end of the fold.
                rejected++;
            }
        }

        private <T> T read(final Deserializer<T> reader, final Input input) {
            if (input.value() == null) {
                throw new Rejection();
            }
            try {
                return reader.deserialize(input.topic(), input.value());
            } catch (final SchemaRegistryUnavailableException | SchemaRegistryAuthenticationException outage) {
                // Live, such a record waits for the registry; a fold cannot wait: it says so rather than guess.
                throw new RegistryUnreachable(input, outage);
            } catch (final RuntimeException e) {
                throw new Rejection();
            }
        }

        private void check(final Input input, final SpecificRecord value, final String schoolId) {
            final List<RuleViolation> violations = rules.check(value, Instant.ofEpochMilli(input.timestamp()));
            if (!violations.isEmpty() || !schoolId.equals(input.key())) {
                throw new Rejection();
            }
        }

        private void checkEvent(final Input input, final SpecificRecord event, final String schoolId) {
            check(input, event, schoolId);
            if (!schools.containsKey(schoolId)) {
                throw new UnknownSchool(schoolId);
            }
        }

        private void admitSchool(final Input input, final School school) {
            final SchoolVersion version = IngestProcessor.versionOf(school);
            final SchoolVersions existing = schools.get(school.getSchoolId());
            if (existing == null || !existing.getVersions().contains(version)) {
                SchoolVersion replaced = null;
                if (existing != null) {
                    for (final SchoolVersion known : existing.getVersions()) {
                        if (known.getEffectiveFrom() == version.getEffectiveFrom()) {
                            replaced = known;
                        }
                    }
                }
                final int change = (DataQuality.schoolWithoutLearners(school).isPresent() ? 1 : 0)
                        - (replaced != null && DataQuality.withoutLearners(replaced.getLearnersEnrolled()) ? 1 : 0);
                findings(school.getSchoolId())[1] += change;
            }
            final List<SchoolVersion> versions = new ArrayList<>(existing == null ? List.of() : existing.getVersions());
            versions.removeIf(v -> v.getEffectiveFrom() == version.getEffectiveFrom());
            versions.add(version);
            versions.sort((a, b) -> Integer.compare(a.getEffectiveFrom(), b.getEffectiveFrom()));
            final SchoolVersions updated = new SchoolVersions(school.getSchoolId(), null, versions);
            if (lineage) {
                source(input, DataQuality.recordId(school), true);
            }
            replaceSessions(updated);
            activate(updated, clockDay());
            releaseParked(school.getSchoolId());
        }

        private void admitStock(final Input input, final String entityId, final SpecificRecord event,
                                final Instant occurredAt) {
            advanceClock(occurredAt.toEpochMilli());
            // The event's school is its key (checked): both are kept until custody, as one string per school.
            final String schoolId = shared(input.key());
            if (event instanceof DeviceEvent device) {
                device.setSchoolId(schoolId);
                device.setProgramme(shared(device.getProgramme()));
            } else if (event instanceof StaffEvent staff) {
                staff.setSchoolId(schoolId);
                staff.setTeamCommuneId(shared(staff.getTeamCommuneId()));
            } else if (event instanceof CertificationEvent certification) {
                certification.setSchoolId(schoolId);
                certification.setIssuer(shared(certification.getIssuer()));
            }
            if (lineage) {
                source(input, String.valueOf(event.get(event.getSchema().getField("eventId").pos())), false);
            }
            // Custody is across tasks (a person moves between schools of any partition): kept for after them.
            admissions.get(Math.floorMod(entityId.hashCode(), shardCount)).add(new Admission(entityId, event, schoolId,
                    input.topic(), input.partition(), input.offset()));
        }

        /** The one copy of {@code value} this task keeps (null for null). */
        private String shared(final String value) {
            if (value == null) {
                return null;
            }
            final String known = shared.putIfAbsent(value, value);
            return known == null ? value : known;
        }

        private void admitTraining(final Input input, final TrainingEvent event) {
            final long time = event.getOccurredAt().toEpochMilli();
            advanceClock(time);
            if (lineage) {
                source(input, event.getEventId(), false);
            }
            final SchoolVersion school = IngestProcessor.versionAt(schools.get(event.getSchoolId()),
                    ProvinceCalendar.epochDay(time));
            final TrainingFact fact = new TrainingFact(event.getEventId(), event.getSchoolId(), event.getSessionId(), school,
                    time, input.timestamp(), event.getParticipantCount(), TrainingRules.drill(event),
                    TrainingRules.counts(event), ContentHash.of(event), IngestProcessor.splits(event), input.topic(),
                    input.partition(), input.offset());
            session(fact, event);
        }

        private static String parkedKey(final String schoolId, final Input input) {
            return schoolId + SEPARATOR + input.topic() + SEPARATOR + String.format("%010d%c%019d", input.partition(),
                    SEPARATOR, input.offset());
        }

        private void releaseParked(final String schoolId) {
            final NavigableMap<String, Input> waiting = parked.subMap(schoolId + SEPARATOR, true,
                    schoolId + (char) (SEPARATOR + 1), false);
            final List<Input> released = new ArrayList<>(waiting.values());
            waiting.clear();
            released.forEach(input -> handle(input));
        }




        // ---------------------------------------------------------------- the session step, per school in log order

        private void session(final TrainingFact fact, final TrainingEvent event) {
            if (!firstUse(fact, config.dedupRetention())) {
                if (seenDigest != fact.getContentHash()) {
                    countFinding(Refusal.EVENT_ID_CONFLICT, fact.getSchoolId(), fact.getSessionId(), fact.getEventId(),
                            fact.getTopic(), fact.getPartition(), fact.getOffset());
                }
                return;
            }
            DataQuality.participantsBelowNamedStaff(event).ifPresent(f -> countFinding(f.ruleId(), f.schoolId(),
                    f.entityId(), f.eventId(), fact.getTopic(), fact.getPartition(), fact.getOffset()));
            final Map<String, TrainingFact> school = sessions.computeIfAbsent(fact.getSchoolId(), s -> new HashMap<>());
            final TrainingFact previous = school.put(fact.getSessionId(), fact);
            if (previous != null && previous.getCounts()) {
                flow(previous, -1);
            }
            if (fact.getCounts()) {
                flow(fact, 1);
            }
        }

        /** A school's versions changed: each session counts where the version in force on its day places it. */
        private void replaceSessions(final SchoolVersions versions) {
            final Map<String, TrainingFact> school = sessions.get(versions.getSchoolId());
            if (school == null) {
                return;
            }
            for (final Map.Entry<String, TrainingFact> entry : new TreeMap<>(school).entrySet()) {
                final TrainingFact before = entry.getValue();
                final SchoolVersion inForce = IngestProcessor.versionAt(versions, ProvinceCalendar.epochDay(before.getOccurredAt()));
                if (inForce.equals(before.getSchool())) {
                    continue;
                }
                final TrainingFact after = TrainingFact.newBuilder(before).setSchool(inForce).build();
                school.put(entry.getKey(), after);
                if (before.getCounts()) {
                    flow(before, -1);
                    flow(after, 1);
                }
            }
        }

        /** A session's signed change of the days of every unit it counts in directly (the province sums its communes). */
        private void flow(final TrainingFact fact, final int sign) {
            final boolean late = TrainingRules.late(Instant.ofEpochMilli(fact.getOccurredAt()),
                    Instant.ofEpochMilli(fact.getAppendedAt()), config.grace());
            final int day = ProvinceCalendar.epochDay(fact.getOccurredAt());
            for (final Flow flow : unitFlows.computeIfAbsent(fact.getSchool(), this::unitFlows)) {
                flow.asOf = Math.max(flow.asOf, fact.getOccurredAt());
                flow.sessions += sign;
                flow.late += late ? sign : 0;
                flow.days.add(day, sign, (long) sign * fact.getParticipants(), fact.getDrill() ? sign : 0);
            }
        }

        /** The flows of the units a session counts in directly, as {@code version} places its school. */
        private Flow[] unitFlows(final SchoolVersion version) {
            final Place[] places = Places.sessionUnits(version);
            final Flow[] found = new Flow[places.length];
            for (int i = 0; i < places.length; i++) {
                final Place place = places[i];
                found[i] = flows.computeIfAbsent(Places.key(place), k -> new Flow(place));
            }
            return found;
        }

    }

    /**
     * An entity's distinct admitted events, and how many each school posted. Most entities hold a few
     * events: they are compared one by one, and the set and the counts per school are kept only once
     * there are many (no school can have reached its bound before the entity holds that many events).
     */
    private abstract static class EntityLog {
        private static final int FEW = 16;
        /** Where each admitted copy was read, by the copy itself; lineage only. */
        Map<Object, Source> read;
        private Set<SpecificRecord> seen;
        private Map<String, Integer> bySchool;
        private int size;

        /** Adds an admitted event to the history. */
        abstract void append(SpecificRecord event);

        /** The admitted events of {@code like}'s kind, in admission order. */
        abstract List<? extends SpecificRecord> admitted(SpecificRecord like);

        abstract void forEachAdmitted(Consumer<SpecificRecord> action);

        boolean holds(final SpecificRecord event) {
            return seen != null ? seen.contains(event) : admitted(event).contains(event);
        }

        /** How many admitted events school {@code schoolId} posted, once that can matter; else 0. */
        int posted(final String schoolId) {
            if (size < CustodyProcessor.MAX_EVENTS_PER_SCHOOL) {
                return 0;
            }
            if (bySchool == null) {
                // An admitted event's school is the school that posted it: the ingest checks it against the key.
                bySchool = new HashMap<>();
                forEachAdmitted(e -> bySchool.merge(schoolOf(e), 1, Integer::sum));
            }
            return bySchool.getOrDefault(schoolId, 0);
        }

        void admit(final SpecificRecord event, final String schoolId) {
            append(event);
            size++;
            if (seen != null) {
                seen.add(event);
            } else if (size > FEW) {
                seen = new HashSet<>();
                forEachAdmitted(seen::add);
            }
            if (bySchool != null) {
                bySchool.merge(schoolId, 1, Integer::sum);
            }
        }

        private static String schoolOf(final SpecificRecord event) {
            return String.valueOf(event.get(event.getSchema().getField("schoolId").pos()));
        }
    }

    /**
     * The entities of every shard as one read-only map, without copying them: an id is in the shard its
     * hash names ({@link Shard#run}).
     */
    private static final class Sharded<V> extends AbstractMap<String, V> {
        private final List<Map<String, V>> shards;

        Sharded(final List<Map<String, V>> shards) {
            this.shards = shards;
        }

        private Map<String, V> shardOf(final Object key) {
            return key instanceof String id ? shards.get(Math.floorMod(id.hashCode(), shards.size())) : Map.of();
        }

        @Override
        public V get(final Object key) {
            return shardOf(key).get(key);
        }

        @Override
        public boolean containsKey(final Object key) {
            return shardOf(key).containsKey(key);
        }

        @Override
        public int size() {
            return shards.stream().mapToInt(Map::size).sum();
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, V>> iterator() {
                    return shards.stream().flatMap(shard -> Collections.unmodifiableMap(shard).entrySet().stream())
                            .iterator();
                }

                @Override
                public int size() {
                    return Sharded.this.size();
                }
            };
        }
    }

    /** A person's distinct admitted events. */
    private static final class PersonLog extends EntityLog {
        final List<StaffEvent> roster = new ArrayList<>(4);
        final List<CertificationEvent> awards = new ArrayList<>(2);

        @Override
        void append(final SpecificRecord event) {
            if (event instanceof StaffEvent staff) {
                roster.add(staff);
            } else {
                awards.add((CertificationEvent) event);
            }
        }

        @Override
        List<? extends SpecificRecord> admitted(final SpecificRecord like) {
            return like instanceof StaffEvent ? roster : awards;
        }

        @Override
        void forEachAdmitted(final Consumer<SpecificRecord> action) {
            roster.forEach(action);
            awards.forEach(action);
        }
    }

    /** A device's distinct admitted events. */
    private static final class DeviceLog extends EntityLog {
        final List<DeviceEvent> events = new ArrayList<>(4);

        @Override
        void append(final SpecificRecord event) {
            events.add((DeviceEvent) event);
        }

        @Override
        List<? extends SpecificRecord> admitted(final SpecificRecord like) {
            return events;
        }

        @Override
        void forEachAdmitted(final Consumer<SpecificRecord> action) {
            events.forEach(action);
        }
    }

    /**
     * The custody step of the persons and devices whose id falls in one shard: their histories from
     * every task's admissions, each folded once by the rules core, and their contributions summed per
     * school. An entity's history depends on its own admissions only, so shards run side by side.
     */
    private final class Shard {
        final int index;
        Map<String, PersonLog> people;
        Map<String, DeviceLog> devices;
        /** The events refused because a history was full. */
        final Outputs found = new Outputs();
        final Map<String, PersonState> personStates = new HashMap<>();
        final Map<String, DeviceState> deviceStates = new HashMap<>();
        final Map<String, Totals.Sum> stocks = new HashMap<>();
        final List<CountedFinding> counted = new ArrayList<>();

        Shard(final int index) {
            this.index = index;
        }

        void run(final Thread caller) {
            // Room from the start for as many entities as the shard's admissions (at most one each), rather
            // than rehashing every entity as the maps grow.
            final int share = tasks.stream().mapToInt(t -> t.admissions.get(index).size()).sum();
            people = new HashMap<>(share);
            devices = new HashMap<>(share);
            for (final Task task : tasks) {
                if (caller.isInterrupted()) {
                    throw new IllegalStateException("the fold of the log was interrupted");
                }
                // The task put here the admissions whose entity id hashes to this shard, in log order.
                for (final Admission admission : task.admissions.get(index)) {
                    final String entityId = admission.entityId();
                    final EntityLog log = admission.event() instanceof DeviceEvent
                            ? devices.computeIfAbsent(entityId, id -> new DeviceLog())
                            : people.computeIfAbsent(entityId, id -> new PersonLog());
                    add(log, admission);
                }
            }
            // What the custody step takes from each folded entity, its contribution summed in place.
            people.forEach((id, log) -> {
                final PersonState person = PersonCustody.fold(log.roster, log.awards);
                personStates.put(id, person);
                addEntity(stocks, EntityHistories.personContribution(person), id, log.read, counted);
            });
            devices.forEach((id, log) -> {
                final DeviceState device = DeviceCustody.fold(log.events);
                deviceStates.put(id, device);
                addEntity(stocks, EntityHistories.deviceContribution(device), id, log.read, counted);
            });
        }

        /**
         * Adds the event to an entity's history, unless it holds it already (a re-delivery) or the posting
         * school has reached {@link CustodyProcessor#MAX_EVENTS_PER_SCHOOL} for it (then refused, for good).
         */
        void add(final EntityLog log, final Admission admission) {
            final SpecificRecord event = admission.event();
            final String schoolId = admission.schoolId();
            if (log.holds(event)) {
                return;
            }
            if (log.posted(schoolId) >= CustodyProcessor.MAX_EVENTS_PER_SCHOOL) {
                found.countFinding(Refusal.HISTORY_FULL, schoolId, String.valueOf(event.get(event.getSchema().getField(
                        event instanceof DeviceEvent ? "deviceId" : "staffId").pos())), String.valueOf(event.get(
                        event.getSchema().getField("eventId").pos())), admission.topic(), admission.partition(),
                        admission.offset());
                return;
            }
            log.admit(event, schoolId);
            if (lineage) {
                if (log.read == null) {
                    log.read = new IdentityHashMap<>();
                }
                log.read.put(event, new Source(admission.topic(), admission.partition(), admission.offset()));
            }
        }
    }

    private Source sourceOf(final String topic, final String id) {
        return merged.sources.getOrDefault(topic, Map.of()).get(id);
    }

    /**
     * A data-quality finding that counts in the quality.* figures of its school now: its rule, whether
     * it is a refusal, the school that posted the record, the person, device, session or school it is
     * about, the event (or school version) id and where that record was read (null if never admitted).
     */
    public record CountedFinding(String ruleId, boolean refused, String schoolId, String entityId, String eventId,
                                 Source source) {
    }

    /** One unit's sessions per day of the province's calendar, and its all-time counts. */
    private static final class Flow {
        final Place place;
        final Days days = new Days();
        long asOf = Long.MIN_VALUE;
        long sessions;
        long late;

        Flow(final Place place) {
            this.place = place;
        }

        /** The sum of two tasks' days of one unit; the first one's place stays, as the flow step keeps its first. */
        static Flow plus(final Flow first, final Flow second) {
            first.asOf = Math.max(first.asOf, second.asOf);
            first.sessions += second.sessions;
            first.late += second.late;
            second.days.forEach((day, sessions, participants, drills) -> first.days.add(day, sessions, participants, drills));
            return first;
        }
    }

    /**
     * A unit's signed counts per day (sessions, participants, drills), days in ascending order in plain
     * arrays: sessions mostly come in day order, so the last day is tried first.
     */
    private static final class Days {
        private int[] days = new int[16];
        private long[] counts = new long[48];
        private int size;

        void add(final int day, final long sessions, final long participants, final long drills) {
            int i = size > 0 && days[size - 1] == day ? size - 1 : Arrays.binarySearch(days, 0, size, day);
            if (i < 0) {
                i = -i - 1;
                if (size == days.length) {
                    days = Arrays.copyOf(days, size * 2);
                    counts = Arrays.copyOf(counts, size * 6);
                }
                System.arraycopy(days, i, days, i + 1, size - i);
                System.arraycopy(counts, 3 * i, counts, 3 * i + 3, 3 * (size - i));
                days[i] = day;
                counts[3 * i] = 0;
                counts[3 * i + 1] = 0;
                counts[3 * i + 2] = 0;
                size++;
            }
            counts[3 * i] += sessions;
            counts[3 * i + 1] += participants;
            counts[3 * i + 2] += drills;
        }

        /** Each day's counts, days in ascending order. */
        void forEach(final DayCounts action) {
            for (int i = 0; i < size; i++) {
                action.accept(days[i], counts[3 * i], counts[3 * i + 1], counts[3 * i + 2]);
            }
        }
    }

    @FunctionalInterface
    private interface DayCounts {
        void accept(int day, long sessions, long participants, long drills);
    }

    /**
     * What the fold found: every unit's IndicatorSet, and the state lineage explains them with.
     *
     * @param indicatorSets by unit id, every level
     * @param schools       each school's version in force, by school id
     * @param people        each person as the rules core folds their admitted events, by staff id
     * @param devices       each device likewise, by device id
     * @param sessions      each training session as its school last stated it, by "schoolId|sessionId" (a
     *                      cancelled one is there, not counting)
     * @param findings      the data-quality findings that count now, sorted by school, rule and event id
     * @param records       records read
     * @param rejected      records refused (dead letters live)
     * @param parked        events still waiting for their school's record at the end
     */
    public record Result(Map<String, IndicatorSet> indicatorSets, Map<String, SchoolVersion> schools,
                         Map<String, PersonState> people, Map<String, DeviceState> devices,
                         Map<String, TrainingFact> sessions, Map<String, Map<String, Source>> sourceIndex,
                         List<CountedFinding> findings, long records, long rejected, long parked) {

        public Result {
            indicatorSets = Collections.unmodifiableMap(indicatorSets);
        }

        /**
         * The record that delivered {@code eventId} on {@code topic}: the first admitted one for an event,
         * the last for a school version ({@code schoolId@effectiveFrom}); null if none.
         */
        public Source sourceOf(final String topic, final String eventId) {
            return sourceIndex.getOrDefault(topic, Map.of()).get(eventId);
        }
    }

    /** An event whose school has no record yet: parked. */
    private static final class UnknownSchool extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String schoolId;

        UnknownSchool(final String schoolId) {
            super(null, null, false, false);
            this.schoolId = schoolId;
        }
    }

    /** A record the rules refuse: a dead letter live. */
    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejection() {
            super(null, null, false, false);
        }
    }

    /** The registry gives no schema for a record: the fold cannot go on without it. */
    public static final class RegistryUnreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RegistryUnreachable(final Input input, final RuntimeException cause) {
            super("the schema registry gives no schema for the record at " + input.topic() + "-" + input.partition()
                    + "@" + input.offset() + ": " + cause.getMessage(), cause);
        }
    }
}
