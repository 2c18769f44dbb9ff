package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.edupulse.rules.TrainingRules;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published training figures are a function of each school's log and of the day they are
 * evaluated on, not of how the schools' partitions interleave: random school logs (new sessions,
 * corrections to other days and counts, cancellations, re-deliveries, event ids reused with other
 * content, sessions recorded late) give, in every interleaving, the figures of the rules core's own
 * fold ({@link TrainingRules#standing} then {@link TrainingRules#windows}).
 */
class TrainingOrderIndependenceTest {

    private static final int SCHOOLS = 6;
    private static final int DISTRICTS = 3;
    private static final int ORDERS = 3;
    private static final Duration GRACE = Duration.ofDays(7);
    private static final List<String> FLOWS = List.of("training.sessions.total", "training.sessions.30d",
            "training.sessions.90d", "training.sessions.365d", "training.participants.30d",
            "training.participants.365d", "training.cybersecurity_drills.365d", "events.late.total");

    @TempDir
    Path stateDir;

    /** One event of a school's log: the event and when the broker appended it. */
    private record Appended(TrainingEvent event, Instant appendedAt) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldPublishTheSameFlowsAsTheRulesCoreWhateverTheInterleaving(final long seed) throws Exception {
        // Given a random log per school
        final Random random = new Random(seed);
        final Map<String, List<Appended>> logs = logs(random);
        final Map<String, Map<String, Double>> expected = oracle(logs);

        // When the schools' logs interleave in several random ways (each school's own order is its log's)
        for (int order = 0; order < ORDERS; order++) {
            final Map<String, Map<String, Double>> published = publish(interleave(logs, random), order);

            // Then every interleaving publishes what the rules core computes
            assertThat(published).as("interleaving %d of seed %d", order, seed).isEqualTo(expected);
        }
    }

    @Test
    void shouldHaveLogsThatExerciseTheRules() {
        final List<TrainingEvent> events = logs(new Random(1)).values().stream().flatMap(List::stream)
                .map(Appended::event).toList();
        assertThat(events).filteredOn(e -> e.getAction() == TrainingAction.CANCELLED).isNotEmpty();
        assertThat(events.stream().map(TrainingEvent::getSessionId).distinct().count()).isLessThan(events.size());
        assertThat(events.stream().map(TrainingEvent::getEventId).distinct().count()).isLessThan(events.size());
    }

    private Map<String, Map<String, Double>> publish(final List<Appended> events, final int order) throws Exception {
        final IndicatorsConfig config = IndicatorsConfig.defaults().withGrace(GRACE);
        try (IndicatorsDriver driver = new IndicatorsDriver("training-order-" + order, config,
                Files.createTempDirectory(stateDir, "run"))) {
            for (int s = 0; s < SCHOOLS; s++) {
                driver.school(school(schoolId(s), districtId(s)).build(), START.minus(Duration.ofDays(500)));
            }
            for (final Appended appended : events) {
                driver.training(appended.event(), appended.appendedAt());
            }
            final Map<String, Map<String, Double>> figures = new TreeMap<>();
            driver.districts().forEach((id, set) -> figures.put(id, flows(set)));
            driver.provinces().forEach((id, set) -> figures.put(id, flows(set)));
            return figures;
        }
    }

    private static Map<String, Double> flows(final IndicatorSet set) {
        final Map<String, Double> flows = new TreeMap<>();
        FLOWS.forEach(id -> flows.put(id, set.getIndicators().get(id).getNumerator()));
        return flows;
    }

    /** The figures by the rules core, windows ending on the driver's day (START), per district and province. */
    private static Map<String, Map<String, Double>> oracle(final Map<String, List<Appended>> logs) {
        final Map<String, Map<String, Double>> figures = new TreeMap<>();
        final Map<String, List<TrainingRules.Day>> days = new TreeMap<>();
        final Map<String, long[]> totals = new HashMap<>();
        for (int s = 0; s < SCHOOLS; s++) {
            days.putIfAbsent(districtId(s), new ArrayList<>());
        }
        days.put(TestData.PROVINCE, new ArrayList<>());
        logs.forEach((schoolId, log) -> {
            final Map<TrainingEvent, Instant> appendedAt = new HashMap<>();
            log.forEach(a -> appendedAt.putIfAbsent(a.event(), a.appendedAt()));
            final Map<String, TrainingEvent> standing = TrainingRules.standing(log.stream().map(Appended::event).toList());
            final String district = districtId(Integer.parseInt(schoolId.substring(1)));
            for (final TrainingEvent session : standing.values()) {
                final TrainingRules.Day day = new TrainingRules.Day(
                        ProvinceCalendar.epochDay(session.getOccurredAt().toEpochMilli()), 1,
                        session.getParticipantCount(), TrainingRules.drill(session) ? 1 : 0);
                final long late = TrainingRules.late(session.getOccurredAt(), appendedAt.get(session), GRACE) ? 1 : 0;
                for (final String unit : List.of(district, TestData.PROVINCE)) {
                    days.get(unit).add(day);
                    final long[] total = totals.computeIfAbsent(unit, u -> new long[2]);
                    total[0]++;
                    total[1] += late;
                }
            }
        });
        final int today = ProvinceCalendar.epochDay(START.toEpochMilli());
        days.forEach((unit, unitDays) -> {
            final TrainingRules.Windows windows = TrainingRules.windows(unitDays, today);
            final long[] total = totals.getOrDefault(unit, new long[2]);
            final Map<String, Double> flows = new TreeMap<>();
            flows.put("training.sessions.total", (double) total[0]);
            flows.put("events.late.total", (double) total[1]);
            flows.put("training.sessions.30d", (double) windows.sessions30());
            flows.put("training.sessions.90d", (double) windows.sessions90());
            flows.put("training.sessions.365d", (double) windows.sessions365());
            flows.put("training.participants.30d", (double) windows.participants30());
            flows.put("training.participants.365d", (double) windows.participants365());
            flows.put("training.cybersecurity_drills.365d", (double) windows.drills365());
            figures.put(unit, flows);
        });
        return figures;
    }

    /** A random merge of the schools' logs that keeps each school's own order. */
    private static List<Appended> interleave(final Map<String, List<Appended>> logs, final Random random) {
        final List<List<Appended>> queues = new ArrayList<>();
        logs.values().forEach(log -> queues.add(new ArrayList<>(log)));
        final List<Appended> merged = new ArrayList<>();
        while (!queues.isEmpty()) {
            final int pick = random.nextInt(queues.size());
            merged.add(queues.get(pick).remove(0));
            if (queues.get(pick).isEmpty()) {
                queues.remove(pick);
            }
        }
        return merged;
    }

    // ---- random logs ----

    private static Map<String, List<Appended>> logs(final Random random) {
        final Map<String, List<Appended>> logs = new TreeMap<>();
        int next = 0;
        for (int s = 0; s < SCHOOLS; s++) {
            final String schoolId = schoolId(s);
            final List<TrainingEvent> sent = new ArrayList<>();
            final List<Appended> log = new ArrayList<>();
            // Append times rise through the school's log, from 420 days before START to START.
            Instant appended = START.minus(Duration.ofDays(420));
            for (int step = 0; step < 25; step++) {
                appended = appended.plus(Duration.ofHours(1 + random.nextInt(400)));
                if (appended.isAfter(START)) {
                    break;
                }
                // Held up to 20 days before it was recorded: some are late (grace 7 days).
                final Instant held = appended.minus(Duration.ofHours(random.nextInt(20 * 24)));
                final int kind = random.nextInt(10);
                final TrainingEvent event;
                if (kind < 2 && !sent.isEmpty()) {
                    // A re-delivery of an earlier event, as it was
                    event = sent.get(random.nextInt(sent.size()));
                } else if (kind < 3 && !sent.isEmpty()) {
                    // An earlier event id reused with other content
                    final TrainingEvent earlier = sent.get(random.nextInt(sent.size()));
                    event = training(earlier.getEventId(), schoolId, held).setSessionId(earlier.getSessionId())
                            .setParticipantCount(1 + random.nextInt(40)).build();
                } else if (kind < 5 && !sent.isEmpty()) {
                    // A correction (another day, another count) or a cancellation of an earlier session
                    final TrainingEvent earlier = sent.get(random.nextInt(sent.size()));
                    event = training("e" + next++, schoolId, held).setSessionId(earlier.getSessionId())
                            .setParticipantCount(1 + random.nextInt(40))
                            .setAction(random.nextInt(3) == 0 ? TrainingAction.CANCELLED : TrainingAction.HELD).build();
                } else {
                    event = training("e" + next++, schoolId, held).setSessionId("s" + next)
                            .setParticipantCount(1 + random.nextInt(40))
                            .setTopic(random.nextInt(4) == 0 ? TrainingTopic.CYBERSECURITY_DRILL : TrainingTopic.BASIC_IT)
                            .build();
                }
                sent.add(event);
                log.add(new Appended(event, appended));
            }
            logs.put(schoolId, log);
        }
        return logs;
    }

    private static String schoolId(final int s) {
        return "S" + s;
    }

    private static String districtId(final int s) {
        return "D" + (s % DISTRICTS);
    }
}
