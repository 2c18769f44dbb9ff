package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.simulate.DienBienGeography;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.streams.ProvinceCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays on the real broker and registry against a live exactly-once run of the same topology fed
 * with the small profile in three batches, then tampered with and sent a late event. The profile's
 * schools all get a version on 1 July 2025 in a merged commune, so the comparison covers a school, a
 * commune that exists only before the reform, the merged commune that took its school, a district
 * (a former district by then) and the province.
 */
class ReplayIT {

    private static final long SEED = 7L;
    private static final String DISTRICT = "DB-MA";
    private static final String PROVINCE = "DB";

    @TempDir
    Path stateDir;

    @TempDir
    Path reports;

    @Test
    void shouldRecomputePublishedValuesDetectTamperingAndSeparateTheTwoAxes() throws Exception {
        // Given the live pipeline fed with the small profile in three batches, an instant noted after each
        final List<SimulatedEvent> history = new HistoryGenerator().events(Profile.SMALL, SEED);
        // And in it a school of the district that moves from one commune to a merged one on 1 July 2025
        final Reform reform = Reform.of(history);
        final List<String> levels = List.of(reform.school(), reform.formerCommune(), reform.mergedCommune(), DISTRICT,
                PROVINCE);
        try (LivePipeline live = new LivePipeline(stateDir)) {
            final List<Instant> instants = new ArrayList<>();
            final int third = history.size() / 3;
            for (final List<SimulatedEvent> batch : List.of(history.subList(0, third),
                    history.subList(third, 2 * third), history.subList(2 * third, history.size()))) {
                live.publish(batch);
                live.awaitQuiet();
                instants.add(live.noteInstant());
            }
            final Replayer replayer = new Replayer(live.bootstrapServers(), live.registryUrl());

            // When each instant is replayed on the known-at axis
            // Then the recomputation equals what the live pipeline had published then
            for (final Instant instant : instants) {
                final long start = System.nanoTime();
                final ReplayResult result = replayer.replay(ReplayRequest.of(instant, Axis.KNOWN_AT));
                final long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
                System.out.printf("known-at %s: %d records in %d ms (%d records/s)%n", instant, result.eventsReplayed(),
                        millis, result.eventsReplayed() * 1000 / millis);
                assertThat(result.differences()).as("differences at " + instant).isEmpty();
                assertThat(result.exitCode()).isZero();
                assertThat(result.recomputed()).isNotEmpty().hasSameSizeAs(result.published());
            }

            // And at the last instant it does so at every level: the school, the commune before the reform (its
            // sessions stay, its schools have left), the merged commune, the district and the province
            final ReplayResult atEveryLevel = replayer.replay(new ReplayRequest(instants.get(2), Axis.KNOWN_AT,
                    Set.copyOf(levels)));
            assertThat(atEveryLevel.differences()).isEmpty();
            assertThat(atEveryLevel.unitsNotFound()).isEmpty();
            assertThat(atEveryLevel.recomputed()).extracting(u -> u.unitId() + " " + u.level())
                    .containsExactlyInAnyOrder(reform.school() + " SCHOOL", reform.formerCommune() + " COMMUNE",
                            reform.mergedCommune() + " COMMUNE", DISTRICT + " DISTRICT", PROVINCE + " PROVINCE");
            final Map<String, UnitFigures> recomputed = byUnit(atEveryLevel.recomputed());
            final Map<String, UnitFigures> published = byUnit(atEveryLevel.published());
            for (final String unit : levels) {
                assertThat(recomputed.get(unit).figures()).as(unit).isEqualTo(published.get(unit).figures());
            }
            assertThat(count(recomputed, reform.formerCommune(), "schools.total")).isZero();
            assertThat(count(recomputed, reform.formerCommune(), "training.sessions.total")).isPositive();
            assertThat(count(recomputed, reform.mergedCommune(), "schools.total")).isPositive();
            assertThat(count(recomputed, reform.school(), "schools.total")).isEqualTo(1);

            // And reports of the same replay are byte-identical across two runs
            final ReplayResult first = replayer.replay(ReplayRequest.of(instants.get(2), Axis.KNOWN_AT));
            final ReplayResult second = replayer.replay(ReplayRequest.of(instants.get(2), Axis.KNOWN_AT));
            final List<Path> one = ReportWriter.write(first, reports.resolve("one"));
            final List<Path> two = ReportWriter.write(second, reports.resolve("two"));
            for (int i = 0; i < one.size(); i++) {
                assertThat(Files.readAllBytes(one.get(i))).as(one.get(i).getFileName().toString())
                        .isEqualTo(Files.readAllBytes(two.get(i)));
            }

            // Given a value the pipeline never computed, appended to the history before the next instant
            final IndicatorSet tampered = tamperedStaffActive(first);
            live.publishToHistory(tampered);
            final Instant afterTampering = live.noteInstant();

            // When that instant is replayed
            final AtomicLong replayedProgress = new AtomicLong();
            final ReplayResult tamperedResult = replayer.replay(ReplayRequest.of(afterTampering, Axis.KNOWN_AT),
                    (stage, done, total) -> {
                        if (stage == ReplayProgress.Stage.REPLAY && done == total) {
                            replayedProgress.set(done);
                        }
                    });

            // Then exactly that value is reported as a difference, with exit code 3
            assertThat(tamperedResult.exitCode()).isEqualTo(ReplayResult.EXIT_DIFFERS);
            assertThat(tamperedResult.differences()).singleElement().satisfies(d -> {
                assertThat(d.unitId()).isEqualTo(DISTRICT);
                assertThat(d.indicatorId()).isEqualTo("staff.active");
                assertThat(d.reason()).isEqualTo("numerator, value");
                assertThat(d.published().numerator()).isEqualTo(d.recomputed().numerator() + 1);
            });
            assertThat(replayedProgress.get()).isEqualTo(tamperedResult.eventsReplayed());

            // Given a staff member who joined before that instant but was reported only after it
            live.send(lateJoiner(reform.school(), afterTampering));
            live.awaitQuiet();

            // When the same instant is replayed on both axes
            final ReplayResult knownAt = replayer.replay(ReplayRequest.of(afterTampering, Axis.KNOWN_AT));
            final ReplayResult eventTime = replayer.replay(ReplayRequest.of(afterTampering, Axis.EVENT_TIME));

            // Then known-at is unchanged, and event-time counts the late joiner in the school, its merged commune,
            // the district and the province
            assertThat(knownAt.recomputed()).isEqualTo(tamperedResult.recomputed());
            assertThat(knownAt.sourceOffsets()).isEqualTo(tamperedResult.sourceOffsets());
            assertThat(eventTime.eventsReplayed()).isEqualTo(knownAt.eventsReplayed() + 1);
            for (final String unit : List.of(reform.school(), reform.mergedCommune(), DISTRICT, PROVINCE)) {
                assertThat(staffActive(eventTime, unit)).as(unit).isEqualTo(staffActive(knownAt, unit) + 1);
            }
            assertThat(eventTime.differences()).extracting(Difference::indicatorId).contains("staff.active");
        }
    }

    private static IndicatorSet tamperedStaffActive(final ReplayResult result) {
        final UnitFigures unit = result.published().stream().filter(u -> u.unitId().equals(DISTRICT)).findFirst()
                .orElseThrow();
        final Map<String, IndicatorValue> values = new HashMap<>();
        unit.figures().forEach((id, f) -> values.put(id, new IndicatorValue(f.numerator(), f.denominator(), f.value(),
                f.value() == null ? "no value" : null)));
        final Figure active = unit.figures().get("staff.active");
        values.put("staff.active", new IndicatorValue(active.numerator() + 1, null, active.value() + 1, null));
        return IndicatorSet.newBuilder().setUnitId(unit.unitId()).setUnitName(unit.unitName()).setLevel(unit.level())
                .setAsOf(Instant.parse("2025-11-30T00:00:00Z")).setCatalogVersion(unit.catalogVersion())
                .setIndicators(values).build();
    }

    private static StaffEvent lateJoiner(final String schoolId, final Instant before) {
        return StaffEvent.newBuilder().setEventId("audit-late-joiner-1").setStaffId("audit-late-staff-1")
                .setSchoolId(schoolId).setRole(StaffRole.TEACHER).setAction(StaffAction.JOINED)
                .setOccurredAt(before.minusSeconds(3600)).build();
    }

    private static Map<String, UnitFigures> byUnit(final List<UnitFigures> units) {
        final Map<String, UnitFigures> map = new HashMap<>();
        units.forEach(u -> map.put(u.unitId(), u));
        return map;
    }

    private static double count(final Map<String, UnitFigures> units, final String unit, final String indicator) {
        return units.get(unit).figures().get(indicator).numerator();
    }

    /**
     * A school of {@link #DISTRICT} that held a training session before the reform, with the commune its
     * version before 1 July 2025 names and the merged commune its version of that day names.
     */
    private record Reform(String school, String formerCommune, String mergedCommune) {

        static Reform of(final List<SimulatedEvent> history) {
            final Instant reformStarts = DienBienGeography.REFORM_DATE.atStartOfDay(ProvinceCalendar.ZONE).toInstant();
            final List<TrainingEvent> training = history.stream().map(SimulatedEvent::value)
                    .filter(TrainingEvent.class::isInstance).map(TrainingEvent.class::cast).toList();
            final Set<String> cancelled = new TreeSet<>();
            training.stream().filter(t -> t.getAction() == TrainingAction.CANCELLED)
                    .forEach(t -> cancelled.add(t.getSchoolId() + "/" + t.getSessionId()));
            final Set<String> trainedBefore = new TreeSet<>();
            training.stream().filter(t -> t.getOccurredAt().isBefore(reformStarts))
                    .filter(t -> !cancelled.contains(t.getSchoolId() + "/" + t.getSessionId()))
                    .forEach(t -> trainedBefore.add(t.getSchoolId()));
            final Map<String, List<School>> versions = new TreeMap<>();
            history.stream().map(SimulatedEvent::value).filter(School.class::isInstance).map(School.class::cast)
                    .filter(school -> school.getDistrictId().equals(DISTRICT))
                    .filter(school -> trainedBefore.contains(school.getSchoolId()))
                    .forEach(school -> versions.computeIfAbsent(school.getSchoolId(), id -> new ArrayList<>())
                            .add(school));
            final Map.Entry<String, List<School>> first = versions.entrySet().iterator().next();
            final School before = first.getValue().stream()
                    .filter(v -> v.getEffectiveFrom().isBefore(DienBienGeography.REFORM_DATE))
                    .max(Comparator.comparing(School::getEffectiveFrom)).orElseThrow();
            final School onReformDay = first.getValue().stream()
                    .filter(v -> v.getEffectiveFrom().equals(DienBienGeography.REFORM_DATE)).findFirst().orElseThrow();
            assertThat(onReformDay.getCommuneId()).isNotEqualTo(before.getCommuneId());
            assertThat(onReformDay.getDistrictIsFormer()).isTrue();
            return new Reform(first.getKey(), before.getCommuneId(), onReformDay.getCommuneId());
        }
    }

    private static double staffActive(final ReplayResult result, final String unit) {
        return result.recomputed().stream().filter(u -> u.unitId().equals(unit)).findFirst().orElseThrow()
                .figures().get("staff.active").numerator();
    }
}
