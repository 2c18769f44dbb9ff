package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.certification;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.rules.DeviceCustody;
import org.edupulse.rules.DeviceState;
import org.edupulse.rules.Finding;
import org.edupulse.rules.PersonCustody;
import org.edupulse.rules.PersonState;
import org.edupulse.rules.Refusal;
import org.edupulse.rules.StockCounter;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published stock figures and counts of findings are a function of the set of events, not of the
 * order they arrive in: random histories (with transfers, releases, attacks by other schools, re-sent
 * events, event ids reused with other content, desktops with SIMs, certificates of people no roster
 * knows yet, and late events) give, in every shuffled arrival order, the same district and province
 * figures as the rules core's own fold of the same events: its stocks, and its refusals and doubtful
 * events counted where the school that posted them is.
 */
class OrderIndependenceTest {

    private static final int SCHOOLS = 6;
    private static final int DISTRICTS = 3;
    private static final int ORDERS = 3;
    private static final List<String> STOCKS = List.of("staff.active", "staff.it_teachers", "staff.it_degree_teachers",
            "devices.tablets.in_service", "devices.tablets.with_sim", "devices.computers.in_service",
            "devices.computers.teaching", "devices.computers.office", "devices.sponsored.in_service",
            "devices.tablets.purchased");
    private static final List<String> QUALITY = List.of("quality.findings.total", "quality.refused.total",
            "quality.doubtful.total");
    /** Every event arrives after all of them happened, so none is "in the future". */
    private static final Instant ARRIVAL = START.plus(Duration.ofDays(40));

    /** The published indicator whose numerator each counter is (the test reads numerators). */
    private static final Map<StockCounter, String> INDICATOR_OF = Map.ofEntries(
            Map.entry(StockCounter.STAFF_ACTIVE, "staff.active"), Map.entry(StockCounter.IT_TEACHERS, "staff.it_teachers"),
            Map.entry(StockCounter.IT_CERTIFIED, "staff.it_certified"),
            Map.entry(StockCounter.IT_DEGREE_TEACHERS, "staff.it_degree_teachers"),
            Map.entry(StockCounter.TABLETS, "devices.tablets.in_service"),
            Map.entry(StockCounter.TABLETS_WITH_SIM, "devices.tablets.with_sim"),
            Map.entry(StockCounter.COMPUTERS, "devices.computers.in_service"),
            Map.entry(StockCounter.COMPUTERS_OFFICE, "devices.computers.office"),
            Map.entry(StockCounter.COMPUTERS_TEACHING, "devices.computers.teaching"),
            Map.entry(StockCounter.SPONSORED, "devices.sponsored.in_service"),
            Map.entry(StockCounter.COMMUNITY_TEAM_STAFF, "staff.community_team"),
            Map.entry(StockCounter.TABLETS_PURCHASED, "devices.tablets.purchased"));

    @TempDir
    Path stateDir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void shouldPublishTheSameStocksAsTheRulesCoreWhateverTheArrivalOrder(final long seed) throws Exception {
        // Given a random history
        final Random random = new Random(seed);
        final List<SpecificRecord> events = history(random);
        final Map<String, Map<String, Double>> expected = oracle(events);

        // When it arrives in several shuffled orders
        final List<Integer> findingsOnTopic = new ArrayList<>();
        final List<Map<String, Object>> periods = new ArrayList<>();
        for (int order = 0; order < ORDERS; order++) {
            final List<SpecificRecord> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            final Map<String, Map<String, Double>> published = publish(shuffled, order, findingsOnTopic, periods);

            // Then every order publishes what the rules core computes, the counts of findings included
            assertThat(published).as("arrival order %d of seed %d", order, seed).isEqualTo(expected);
            // ... and the same figures for every month, quarter, year and school year
            assertThat(periods.get(order)).as("periods in arrival order %d of seed %d", order, seed)
                    .isNotEmpty().isEqualTo(periods.get(0));
        }
        // though the topic, a log of what was found as each event arrived, holds findings that no longer
        // apply: the counts are not what the topic holds, but what the events say
        assertThat(findingsOnTopic).as("findings published in each order")
                .anySatisfy(published -> assertThat((double) published)
                        .isGreaterThan(expected.get(TestData.PROVINCE).get("quality.findings.total")));
        assertThat(expected.get(TestData.PROVINCE)).as("the oracle's province")
                .hasEntrySatisfying("quality.refused.total", refused -> assertThat(refused).isPositive())
                .hasEntrySatisfying("quality.doubtful.total", doubtful -> assertThat(doubtful).isPositive());
    }

    @Test
    void shouldHaveAHistoryThatExercisesTheRules() {
        final List<SpecificRecord> events = history(new Random(1));
        final List<StaffEvent> roster = events.stream().filter(StaffEvent.class::isInstance).map(StaffEvent.class::cast).toList();
        assertThat(roster).filteredOn(e -> e.getAction() == StaffAction.RELEASED).isNotEmpty();
        final long refused = byId(roster, StaffEvent::getStaffId).values().stream()
                .mapToLong(person -> PersonCustody.fold(person, List.of()).refusals().size()).sum();
        assertThat(refused).as("refused roster events").isPositive();
    }

    /** The figures of every unit once {@code events} are read, adding the number of findings published to {@code findingsOnTopic}. */
    private Map<String, Map<String, Double>> publish(final List<SpecificRecord> events, final int order,
                                                     final List<Integer> findingsOnTopic,
                                                     final List<Map<String, Object>> periods) throws Exception {
        try (IndicatorsDriver driver = new IndicatorsDriver("order-" + order, Files.createTempDirectory(stateDir, "run"))) {
            for (int s = 0; s < SCHOOLS; s++) {
                driver.school(school(schoolId(s), districtId(s)).build(), START);
            }
            for (final SpecificRecord event : events) {
                if (event instanceof StaffEvent e) {
                    driver.staff(e, ARRIVAL);
                } else if (event instanceof CertificationEvent e) {
                    driver.certification(e, ARRIVAL);
                } else {
                    driver.device((DeviceEvent) event, ARRIVAL);
                }
            }
            final Map<String, Map<String, Double>> figures = new TreeMap<>();
            driver.districts().forEach((id, set) -> figures.put(id, stocks(set)));
            driver.provinces().forEach((id, set) -> figures.put(id, stocks(set)));
            findingsOnTopic.add(driver.findings().size());
            driver.advanceWallClock(UnitPeriodsProcessor.FLUSH.plusMillis(1));
            final Map<String, Object> byPeriod = new TreeMap<>();
            driver.periods().forEach((key, period) -> byPeriod.put(key, period.getIndicators()));
            periods.add(byPeriod);
            return figures;
        }
    }

    private static Map<String, Double> stocks(final IndicatorSet set) {
        final Map<String, Double> stocks = new TreeMap<>();
        for (final String id : STOCKS) {
            stocks.put(id, set.getIndicators().get(id).getNumerator());
        }
        for (final String id : QUALITY) {
            stocks.put(id, set.getIndicators().get(id).getNumerator());
        }
        stocks.put("staff.it_certified", set.getIndicators().get("staff.it_certified.share").getNumerator());
        return stocks;
    }

    /** The figures by a plain fold with the rules core, per district and for the province. */
    private static Map<String, Map<String, Double>> oracle(final List<SpecificRecord> events) {
        final Map<String, Map<String, Double>> figures = new TreeMap<>();
        for (int s = 0; s < SCHOOLS; s++) {
            zero(figures, districtId(s));
        }
        zero(figures, TestData.PROVINCE);
        final List<StaffEvent> roster = events.stream().filter(StaffEvent.class::isInstance).map(StaffEvent.class::cast).toList();
        final List<CertificationEvent> awards = events.stream().filter(CertificationEvent.class::isInstance)
                .map(CertificationEvent.class::cast).toList();
        final Map<String, List<StaffEvent>> rosterByPerson = byId(roster, StaffEvent::getStaffId);
        final Map<String, List<CertificationEvent>> awardsByPerson = byId(awards, CertificationEvent::getStaffId);
        final Set<String> people = new TreeSet<>(rosterByPerson.keySet());
        people.addAll(awardsByPerson.keySet());
        for (final String staffId : people) {
            final PersonState person = PersonCustody.fold(rosterByPerson.getOrDefault(staffId, List.of()),
                    awardsByPerson.getOrDefault(staffId, List.of()));
            if (person.active()) {
                count(figures, person.holder(), StockCounter.of(person));
            }
            countFindings(figures, person.refusals(), person.findings());
        }
        byId(events.stream().filter(DeviceEvent.class::isInstance).map(DeviceEvent.class::cast).toList(),
                DeviceEvent::getDeviceId).forEach((deviceId, deviceEvents) -> {
                    final DeviceState device = DeviceCustody.fold(deviceEvents);
                    if (device.inService()) {
                        count(figures, device.holder(), StockCounter.of(device));
                    }
                    countFindings(figures, device.refusals(), device.findings());
                });
        return figures;
    }

    /** Counts an entity's refusals and doubtful events, as its fold has them now, where each one's poster is. */
    private static void countFindings(final Map<String, Map<String, Double>> figures, final List<Refusal> refusals,
                                      final List<Finding> doubtful) {
        refusals.forEach(refusal -> add(figures, refusal.schoolId(), List.of("quality.findings.total",
                "quality.refused.total")));
        doubtful.forEach(finding -> add(figures, finding.schoolId(), List.of("quality.findings.total",
                "quality.doubtful.total")));
    }

    private static void zero(final Map<String, Map<String, Double>> figures, final String unit) {
        final Map<String, Double> stocks = new TreeMap<>();
        STOCKS.forEach(id -> stocks.put(id, 0.0));
        QUALITY.forEach(id -> stocks.put(id, 0.0));
        stocks.put("staff.it_certified", 0.0);
        figures.put(unit, stocks);
    }

    /** Adds a person's or device's counters, as the rules core gives them, to its district and the province. */
    private static void count(final Map<String, Map<String, Double>> figures, final String schoolId,
                              final Set<StockCounter> counters) {
        add(figures, schoolId, counters.stream().map(INDICATOR_OF::get).toList());
    }

    /** Adds one to each of {@code indicatorIds} in the district of {@code schoolId} and in the province. */
    private static void add(final Map<String, Map<String, Double>> figures, final String schoolId,
                            final List<String> indicatorIds) {
        final int s = Integer.parseInt(schoolId.substring(1));
        for (final String id : indicatorIds) {
            figures.get(districtId(s)).merge(id, 1.0, Double::sum);
            figures.get(TestData.PROVINCE).merge(id, 1.0, Double::sum);
        }
    }

    private static <E> Map<String, List<E>> byId(final List<E> events, final Function<E, String> id) {
        final Map<String, List<E>> byId = new HashMap<>();
        events.forEach(e -> byId.computeIfAbsent(id.apply(e), k -> new ArrayList<>()).add(e));
        return byId;
    }

    // ---- random histories ----

    static List<SpecificRecord> history(final Random random) {
        final List<SpecificRecord> events = new ArrayList<>();
        int next = 0;
        for (int p = 0; p < 25; p++) {
            final String staffId = "p" + p;
            String holder = null;
            final StaffRole role = random.nextInt(4) == 0 ? StaffRole.IT_TEACHER : StaffRole.TEACHER;
            for (int step = 0; step < 1 + random.nextInt(6); step++) {
                // Coarse times: ties in occurredAt happen and are broken by event id.
                final Instant at = START.plus(Duration.ofHours(1 + random.nextInt(200)));
                final String school = schoolId(random.nextInt(SCHOOLS));
                final int kind = random.nextInt(10);
                final StaffEvent.Builder event;
                if (kind < 3) {
                    event = staff(id(next++), staffId, school, at).setAction(StaffAction.JOINED);
                } else if (kind < 5 && holder != null) {
                    event = staff(id(next++), staffId, holder, at).setAction(StaffAction.RELEASED);
                } else if (kind < 7) {
                    event = staff(id(next++), staffId, school, at).setAction(StaffAction.TRANSFERRED);
                } else if (kind < 8) {
                    event = staff(id(next++), staffId, holder == null ? school : holder, at).setAction(StaffAction.LEFT);
                } else {
                    final CertificationEvent award = certification(id(next++), staffId, holder == null ? school : holder,
                            CertificationLevel.values()[random.nextInt(3)], at)
                            .setAction(random.nextInt(4) == 0 ? CertificationAction.REVOKED : CertificationAction.AWARDED)
                            .build();
                    events.add(award);
                    continue;
                }
                final StaffEvent built = event.setRole(role).build();
                holder = built.getSchoolId();
                events.add(built);
                if (random.nextInt(8) == 0) {
                    // re-sent unchanged
                    events.add(built);
                }
            }
        }
        for (int d = 0; d < 25; d++) {
            final String deviceId = "d" + d;
            final DeviceType type = DeviceType.values()[random.nextInt(3)];
            String holder = schoolId(random.nextInt(SCHOOLS));
            events.add(device(id(next++), deviceId, holder, START.plus(Duration.ofHours(random.nextInt(50))))
                    .setType(type).setHas4gSim(random.nextBoolean()).build());
            for (int step = 0; step < random.nextInt(5); step++) {
                final Instant at = START.plus(Duration.ofHours(1 + random.nextInt(200)));
                final String school = schoolId(random.nextInt(SCHOOLS));
                final DeviceAction action = DeviceAction.values()[random.nextInt(DeviceAction.values().length)];
                final String poster = action == DeviceAction.RELEASED || action == DeviceAction.ASSIGNED ? holder : school;
                final DeviceEvent event = device(id(next++), deviceId, poster, at).setType(type).setAction(action)
                        .setPurpose(DevicePurpose.values()[random.nextInt(3)]).build();
                events.add(event);
                holder = poster;
                if (random.nextInt(10) == 0) {
                    // the same event id again, with other content: counted once, in its first version
                    events.add(device(event.getEventId(), deviceId, school, at.plusSeconds(60)).setType(type)
                            .setAction(DeviceAction.RETIRED).build());
                }
            }
        }
        return events;
    }

    private static String id(final int n) {
        return String.format("ev-%05d", n);
    }

    private static String schoolId(final int s) {
        return "S" + s;
    }

    private static String districtId(final int s) {
        return "D" + (s % DISTRICTS);
    }
}
