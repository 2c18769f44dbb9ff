package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lineage on the real broker and registry against a live exactly-once run fed with the small profile. */
class LineageIT {

    private static final long SEED = 11L;
    /**
     * Every level: Mường Ảng's first school (its opening version places it in the district's first commune,
     * whatever the seed), that commune, which exists only before the reform, the commune it merged into on
     * 1 July 2025, districts and the province.
     */
    private static final String SCHOOL = "DB-MA-SCH-001";
    private static final String FORMER_COMMUNE = "DB-MA-CMN-01";
    private static final String MERGED_COMMUNE = "DB-MA-X01";
    private static final List<String> UNITS = List.of(SCHOOL, FORMER_COMMUNE, MERGED_COMMUNE, "DB-MA", "DB-TC", "DB-DB",
            "DB");
    private static final List<String> INDICATORS = List.of("staff.active", "staff.it_teachers",
            "staff.it_certified.share", "staff.it_degree_teachers", "devices.tablets.in_service",
            "devices.tablets.with_sim", "devices.computers.in_service", "devices.computers.office",
            "devices.computers.teaching", "devices.sponsored.in_service", "schools.with_internet.share",
            "learners.per_teaching_computer", "staff.community_team", "devices.tablets.purchased",
            "schools.with_wifi.share", "schools.connection.wifi_broadband", "quality.findings.total",
            "quality.refused.total", "quality.doubtful.total");
    /** Training flows: each one's listed sessions add up to the published figure. */
    private static final List<String> FLOWS = List.of("training.sessions.total", "training.sessions.30d",
            "training.sessions.90d", "training.sessions.365d", "training.participants.365d");

    @TempDir
    Path stateDir;

    @Test
    void shouldTraceEveryPublishedNumeratorAndDenominatorToSourceEvents() {
        // Given the live pipeline fed with the small profile in two batches
        final List<SimulatedEvent> history = new HistoryGenerator().events(Profile.SMALL, SEED);
        try (LivePipeline live = new LivePipeline(stateDir)) {
            final int half = history.size() / 2;
            live.publish(history.subList(0, half));
            live.awaitQuiet();
            live.publish(history.subList(half, history.size()));
            live.awaitQuiet();
            final Instant asOf = live.noteInstant();
            final Lineage lineage = new Lineage(live.bootstrapServers(), live.registryUrl());
            // When indicators of a school, communes before and after the reform, districts and the province
            // are traced
            try (LineageSnapshot snapshot = lineage.snapshot(asOf, Axis.KNOWN_AT, ReplayProgress.NONE)) {
                for (final String unit : UNITS) {
                    for (final String indicator : INDICATORS) {
                        final LineageResult result = snapshot.trace(unit, indicator);

                        // Then the totals of the listed events are the published numerator, denominator and value
                        assertThat(result.published()).as(unit + " " + indicator).isNotNull();
                        assertThat(result.matchesPublished()).as(unit + " " + indicator + ": " + result.numerator()
                                + "/" + result.denominator() + " vs " + result.published()).isTrue();
                        assertThat(result.numeratorEvents().stream().mapToLong(Contribution::amount).sum())
                                .isEqualTo((long) result.published().numerator());
                        assertThat(result.numeratorEvents()).allSatisfy(c -> {
                            assertThat(c.topic()).startsWith("edupulse.");
                            assertThat(c.offset()).isNotNegative();
                            assertThat(c.eventId()).isNotBlank();
                            assertThat(c.schoolId()).isNotBlank();
                        });
                    }
                }
                // And each flow's listed sessions add up to what the pipeline published for it
                for (final String unit : UNITS) {
                    for (final String indicator : FLOWS) {
                        final LineageResult flow = snapshot.trace(unit, indicator);
                        assertThat(flow.published()).as(unit + " " + indicator).isNotNull();
                        assertThat(flow.numeratorEvents().stream().mapToLong(Contribution::amount).sum())
                                .as(unit + " " + indicator).isEqualTo((long) flow.published().numerator());
                    }
                }

                // And a session says where it counted: the commune and district of the school's version on its
                // day, so the school's sessions are those counted in its commune before the reform and in the
                // merged one after
                final LineageResult former = snapshot.trace(FORMER_COMMUNE, "training.sessions.total");
                final LineageResult merged = snapshot.trace(MERGED_COMMUNE, "training.sessions.total");
                assertThat(former.numeratorEvents()).allSatisfy(c -> assertThat(c.contributed()).contains(
                        "counted in commune " + FORMER_COMMUNE + " and district DB-MA by the school's version"));
                assertThat(merged.numeratorEvents()).allSatisfy(c -> assertThat(c.contributed()).contains(
                        "counted in commune " + MERGED_COMMUNE + " and former district DB-MA by the school's version"));
                assertThat(snapshot.trace(SCHOOL, "training.sessions.total").numeratorEvents())
                        .extracting(Contribution::eventId).containsExactlyInAnyOrderElementsOf(Stream.concat(
                                former.numeratorEvents().stream(), merged.numeratorEvents().stream())
                                .filter(c -> c.schoolId().equals(SCHOOL)).map(Contribution::eventId).toList());
                assertThat(snapshot.trace(FORMER_COMMUNE, "schools.total").numerator()).isZero();
                assertThat(snapshot.trace(MERGED_COMMUNE, "schools.total").numeratorEvents())
                        .extracting(Contribution::entityId).contains(SCHOOL);

                // And the certified share lists the awarding certification event of each certified person
                final LineageResult certified = snapshot.trace("DB-MA", "staff.it_certified.share");
                assertThat(certified.numeratorEvents()).extracting(Contribution::topic)
                        .containsOnly("edupulse.certification.events");
                assertThat(certified.denominatorEvents()).extracting(Contribution::topic)
                        .containsOnly("edupulse.staff.events");
                assertThat(certified.numerator()).isPositive();

                // And an indicator outside the catalog is refused by name
                assertThatThrownBy(() -> snapshot.trace("DB-MA", "staff.unknown"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staff.unknown");
            }

            // And the one-shot call answers the same as the snapshot
            final LineageResult once = lineage.trace("DB-MA", "devices.tablets.in_service", asOf);
            assertThat(once.matchesPublished()).isTrue();
        }
    }
}
