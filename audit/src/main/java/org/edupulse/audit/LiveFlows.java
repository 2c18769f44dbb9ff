package org.edupulse.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Utils;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.IndicatorDefinition;
import org.edupulse.streams.IndicatorsConfig;
import org.edupulse.streams.Measure;
import org.edupulse.streams.ProvinceCalendar;
import org.edupulse.topics.Topics;

/**
 * The training flows as the live application computes them at rest. Live, two clocks are per task:
 * the ingest step's training clock (lateness) runs over one partition of the training topic, and the
 * flow processor's stream time ("today" of the rolling windows) over one partition of the
 * training-by-district repartition topic. A replay runs the same tasks, but the repartition topic's
 * records interleave as the replayed ingest tasks happen to write them, not as they were written
 * live, and the windows a district was last evaluated with depend on that. Every other indicator is
 * order-independent at rest and is taken from the replayed topology as is.
 *
 * <p>So the flow counters are recomputed here from the facts the replayed ingest step admitted (the
 * district in force on each session's day, de-duplicated, validated): lateness per training
 * partition in offset order, windows ending on the day of the greatest event time in the
 * session's repartition partition (Kafka's default partitioner: murmur2 of the district id), with
 * the same window arithmetic as the topology's flow processor. Provinces are sums of districts.
 */
final class LiveFlows {

    /** The flow measures; all of them are plain counts. */
    static final Set<Measure> FLOW_MEASURES = EnumSet.of(Measure.SESSIONS_TOTAL, Measure.SESSIONS_30D,
            Measure.SESSIONS_90D, Measure.SESSIONS_365D, Measure.PARTICIPANTS_30D, Measure.PARTICIPANTS_365D,
            Measure.DRILLS_365D, Measure.LATE_EVENTS);

    private final long graceMillis;
    private final int flowPartitions;

    LiveFlows(final IndicatorsConfig config) {
        this(config, Topics.EVENT_PARTITIONS);
    }

    LiveFlows(final IndicatorsConfig config, final int flowPartitions) {
        this.graceMillis = config.grace().toMillis();
        this.flowPartitions = flowPartitions;
    }

    /** A training session with the lateness the live task gave it. */
    record Session(AdmittedFact admitted, boolean late) {
        String districtId() {
            return admitted.fact().getDistrictId();
        }

        String provinceId() {
            return admitted.fact().getProvinceId();
        }

        int day() {
            return ProvinceCalendar.epochDay(admitted.fact().getOccurredAt());
        }
    }

    /** Each admitted session with its live lateness: the training clock of its own partition, in offset order. */
    List<Session> sessions(final List<AdmittedFact> facts) {
        final List<AdmittedFact> ordered = new ArrayList<>(facts);
        ordered.sort(Comparator.comparingInt((AdmittedFact f) -> f.source().partition())
                .thenComparingLong(f -> f.source().offset()));
        final Map<Integer, Long> clocks = new HashMap<>();
        final List<Session> sessions = new ArrayList<>(ordered.size());
        for (final AdmittedFact fact : ordered) {
            final long time = fact.fact().getOccurredAt();
            final long clock = Math.max(clocks.getOrDefault(fact.source().partition(), Long.MIN_VALUE), time);
            clocks.put(fact.source().partition(), clock);
            sessions.add(new Session(fact, time < clock - graceMillis));
        }
        return sessions;
    }

    /** The province-calendar day the windows of {@code districtId} end on: its flow task's stream time. */
    Map<String, Integer> todayByDistrict(final List<Session> sessions) {
        final Map<Integer, Long> streamTime = new HashMap<>();
        for (final Session session : sessions) {
            streamTime.merge(flowPartition(session.districtId()), session.admitted().fact().getOccurredAt(), Math::max);
        }
        final Map<String, Integer> today = new TreeMap<>();
        for (final Session session : sessions) {
            today.put(session.districtId(),
                    ProvinceCalendar.epochDay(streamTime.get(flowPartition(session.districtId()))));
        }
        return today;
    }

    int flowPartition(final String districtId) {
        return Utils.toPositive(Utils.murmur2(districtId.getBytes(StandardCharsets.UTF_8))) % flowPartitions;
    }

    /** Whether {@code session} counts in {@code measure}, and with what weight (sessions 1, participants n). */
    static long contribution(final Session session, final Measure measure, final int today) {
        final int age = today - session.day();
        final boolean inYear = age >= 0 && age < 365;
        final long participants = session.admitted().fact().getParticipants();
        return switch (measure) {
            case LATE_EVENTS -> session.late() ? 1 : 0;
            case SESSIONS_TOTAL -> session.late() ? 0 : 1;
            case SESSIONS_30D -> !session.late() && inYear && age < 30 ? 1 : 0;
            case SESSIONS_90D -> !session.late() && inYear && age < 90 ? 1 : 0;
            case SESSIONS_365D -> !session.late() && inYear ? 1 : 0;
            case PARTICIPANTS_30D -> !session.late() && inYear && age < 30 ? participants : 0;
            case PARTICIPANTS_365D -> !session.late() && inYear ? participants : 0;
            case DRILLS_365D -> !session.late() && inYear && session.admitted().fact().getDrill() ? 1 : 0;
            default -> 0;
        };
    }

    /** The replayed IndicatorSets with their flow indicators replaced by the live per-task values. */
    Map<String, IndicatorSet> correct(final Map<String, IndicatorSet> replayed, final List<AdmittedFact> facts) {
        final List<Session> sessions = sessions(facts);
        final Map<String, Integer> today = todayByDistrict(sessions);
        final Map<String, Map<Measure, Long>> counters = new HashMap<>();
        for (final Session session : sessions) {
            for (final Measure measure : FLOW_MEASURES) {
                final long amount = contribution(session, measure, today.get(session.districtId()));
                counters.computeIfAbsent(session.districtId(), u -> new EnumMap<>(Measure.class)).merge(measure, amount, Long::sum);
                counters.computeIfAbsent(session.provinceId(), u -> new EnumMap<>(Measure.class)).merge(measure, amount, Long::sum);
            }
        }
        final Map<String, IndicatorSet> corrected = new TreeMap<>();
        replayed.forEach((unit, set) -> corrected.put(unit, withFlows(set, counters.getOrDefault(unit, Map.of()))));
        return corrected;
    }

    private static IndicatorSet withFlows(final IndicatorSet set, final Map<Measure, Long> counters) {
        final Map<String, IndicatorValue> values = new TreeMap<>(set.getIndicators());
        for (final IndicatorDefinition definition : IndicatorCatalog.all()) {
            if (!definition.isRatio() && FLOW_MEASURES.contains(definition.numerator())) {
                final double count = counters.getOrDefault(definition.numerator(), 0L);
                values.put(definition.id(), new IndicatorValue(count, null, definition.valueOf(count, 0), null));
            }
        }
        return IndicatorSet.newBuilder(set).setIndicators(values).build();
    }
}
