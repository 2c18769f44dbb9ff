package org.edupulse.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.junit.jupiter.api.Test;

class CustodyFoldTest {

    private static final Instant T0 = Instant.parse("2025-01-06T01:00:00Z");

    private static Instant at(final int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    private static StaffEvent staff(final String id, final String school, final StaffAction action, final int hour) {
        return StaffEvent.newBuilder().setEventId(id).setStaffId("s1").setSchoolId(school).setRole(StaffRole.TEACHER)
                .setAction(action).setOccurredAt(at(hour)).build();
    }

    private static CertificationEvent certificate(final String id, final String school, final CertificationAction action,
                                                  final int hour) {
        return CertificationEvent.newBuilder().setEventId(id).setStaffId("s1").setSchoolId(school)
                .setLevel(CertificationLevel.BASIC_IT).setAction(action).setOccurredAt(at(hour)).build();
    }

    private static DeviceEvent device(final String id, final String school, final DeviceAction action, final int hour) {
        return DeviceEvent.newBuilder().setEventId(id).setDeviceId("d1").setSchoolId(school).setType(DeviceType.DESKTOP)
                .setPurpose(DevicePurpose.TEACHING).setAction(action).setSource(DeviceSource.PURCHASE)
                .setOccurredAt(at(hour)).build();
    }

    private static StaffEvent team(final String id, final String school, final StaffAction action, final int hour) {
        return StaffEvent.newBuilder().setEventId(id).setStaffId("s1").setSchoolId(school).setRole(StaffRole.TEACHER)
                .setAction(action).setOccurredAt(at(hour)).setTeamCommuneId("C-1").build();
    }

    private static DeviceEvent tablet(final DeviceSource source, final String programme) {
        return DeviceEvent.newBuilder().setEventId("t").setDeviceId("d1").setSchoolId("A").setType(DeviceType.TABLET)
                .setPurpose(DevicePurpose.TEACHING).setAction(DeviceAction.RECEIVED).setSource(source)
                .setProgramme(programme).setOccurredAt(at(1)).build();
    }

    @Test
    void shouldFoldCommunityTeamMembershipWithoutTouchingTheRoster() {
        // Given a teacher of A who joins the commune's team, and B's attempt to take them out of it
        final List<StaffEvent> events = new ArrayList<>(List.of(staff("e1", "A", StaffAction.JOINED, 1),
                team("t1", "A", StaffAction.TEAM_JOINED, 2), team("x1", "B", StaffAction.TEAM_LEFT, 3)));

        // When folded in any arrival order
        Collections.shuffle(events, new Random(7));
        final PersonState person = PersonCustody.fold(events, List.of());

        // Then
        assertThat(person.holder()).isEqualTo("A");
        assertThat(person.roster().getEventId()).isEqualTo("e1");
        assertThat(person.teams()).containsOnlyKeys("C-1");
        assertThat(StockCounter.of(person)).contains(StockCounter.STAFF_ACTIVE, StockCounter.COMMUNITY_TEAM_STAFF);
        assertThat(person.refusals()).extracting(Refusal::eventId).containsExactly("x1");
    }

    @Test
    void shouldCountATeamMemberOnlyWhileOnARosterAndUntilTheyLeaveTheTeam() {
        // Given
        final StaffEvent joined = staff("e1", "A", StaffAction.JOINED, 1);
        final StaffEvent inTeam = team("t1", "A", StaffAction.TEAM_JOINED, 2);

        // When
        final PersonState left = PersonCustody.fold(List.of(joined, inTeam, staff("e2", "A", StaffAction.LEFT, 3)),
                List.of());
        final PersonState outOfTeam = PersonCustody.fold(List.of(joined, inTeam,
                team("t2", "A", StaffAction.TEAM_LEFT, 3)), List.of());

        // Then
        assertThat(left.inCommunityTeam()).isTrue();
        assertThat(StockCounter.of(left)).isEmpty();
        assertThat(outOfTeam.inCommunityTeam()).isFalse();
        assertThat(StockCounter.of(outOfTeam)).containsExactly(StockCounter.STAFF_ACTIVE);
    }

    @Test
    void shouldCountPurchasedTabletsApartFromSponsoredOnes() {
        // Given
        final DeviceEvent purchased = tablet(DeviceSource.PURCHASE, null);
        final DeviceEvent sponsored = tablet(DeviceSource.SPONSORSHIP, "Internet and Tablets for Children");

        // When / Then
        assertThat(StockCounter.of(DeviceCustody.fold(List.of(purchased))))
                .contains(StockCounter.TABLETS, StockCounter.TABLETS_PURCHASED).doesNotContain(StockCounter.SPONSORED);
        assertThat(StockCounter.of(DeviceCustody.fold(List.of(sponsored))))
                .contains(StockCounter.TABLETS, StockCounter.SPONSORED).doesNotContain(StockCounter.TABLETS_PURCHASED);
    }

    @Test
    void shouldKeepAPersonAtTheirSchoolWhenAnotherSchoolPostsForThem() {
        // Given a teacher of A with a certificate, and B's attempts to take, remove and decertify them
        final List<StaffEvent> roster = List.of(staff("e1", "A", StaffAction.JOINED, 1),
                staff("x1", "B", StaffAction.TRANSFERRED, 3), staff("x2", "B", StaffAction.LEFT, 4));
        final List<CertificationEvent> certificates = List.of(certificate("c1", "A", CertificationAction.AWARDED, 2),
                certificate("x3", "B", CertificationAction.REVOKED, 5));

        // When folded
        final PersonState person = PersonCustody.fold(roster, certificates);

        // Then
        assertThat(person.holder()).isEqualTo("A");
        assertThat(person.highest()).isEqualTo(CertificationLevel.BASIC_IT);
        assertThat(person.refusals()).extracting(Refusal::eventId).containsExactly("x1", "x2", "x3");
        assertThat(person.refusals()).extracting(Refusal::ruleId).containsOnly(Refusal.HELD_BY_OTHER_SCHOOL);
    }

    @Test
    void shouldMoveAPersonReleasedByTheirSchoolAndKeepTheirCertificate() {
        final PersonState person = PersonCustody.fold(List.of(staff("e1", "A", StaffAction.JOINED, 1),
                        staff("r1", "A", StaffAction.RELEASED, 3), staff("t1", "B", StaffAction.TRANSFERRED, 4)),
                List.of(certificate("c1", "A", CertificationAction.AWARDED, 2)));

        assertThat(person.holder()).isEqualTo("B");
        assertThat(person.active()).isTrue();
        assertThat(person.holds(CertificationLevel.BASIC_IT)).isTrue();
        assertThat(person.refusals()).isEmpty();
    }

    @Test
    void shouldCountNobodyWhileAPersonIsReleasedButNotYetTaken() {
        final PersonState person = PersonCustody.fold(List.of(staff("e1", "A", StaffAction.JOINED, 1),
                staff("r1", "A", StaffAction.RELEASED, 3)), List.of());

        assertThat(person.holder()).isNull();
        assertThat(person.active()).isFalse();
    }

    @Test
    void shouldGiveTheSameStateWhateverTheOrderOfTheEvents() {
        // Given a career with a release, a transfer, attacks, certificates and an id reused with other content
        final List<StaffEvent> roster = new ArrayList<>(List.of(staff("e1", "A", StaffAction.JOINED, 1),
                staff("x1", "C", StaffAction.LEFT, 2), staff("r1", "A", StaffAction.RELEASED, 3),
                staff("t1", "B", StaffAction.TRANSFERRED, 4), staff("x2", "A", StaffAction.LEFT, 5),
                staff("e1", "C", StaffAction.JOINED, 6)));
        final List<CertificationEvent> certificates = new ArrayList<>(List.of(
                certificate("c1", "A", CertificationAction.AWARDED, 2), certificate("c2", "C", CertificationAction.REVOKED, 5),
                certificate("c3", "B", CertificationAction.REVOKED, 7), certificate("c4", "B", CertificationAction.AWARDED, 8)));
        final PersonState expected = PersonCustody.fold(roster, certificates);

        // When folded in 200 shuffled orders, Then every fold gives the same person and the same refusals
        final Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            Collections.shuffle(roster, random);
            Collections.shuffle(certificates, random);
            assertThat(PersonCustody.fold(roster, certificates)).isEqualTo(expected);
        }
        assertThat(expected.holder()).isEqualTo("B");
        assertThat(expected.refusals()).extracting(Refusal::eventId).containsExactly("c2", "e1", "x1", "x2");
        assertThat(expected.refusals()).filteredOn(r -> r.eventId().equals("e1")).singleElement()
                .extracting(Refusal::ruleId).isEqualTo(Refusal.EVENT_ID_CONFLICT);
    }

    @Test
    void shouldCountARepeatedEventOnceWithoutAFinding() {
        final StaffEvent joined = staff("e1", "A", StaffAction.JOINED, 1);
        final PersonState person = PersonCustody.fold(List.of(joined, staff("e1", "A", StaffAction.JOINED, 1)), List.of());

        assertThat(person.holder()).isEqualTo("A");
        assertThat(person.refusals()).isEmpty();
    }

    /**
     * An entity's history is de-duplicated by comparing ids one by one while it is short and through a map
     * once it is long: both must keep the first copy by event order, drop an equal copy silently and refuse a
     * copy with other content, whatever the order of arrival.
     */
    @Test
    void shouldDeduplicateShortAndLongHistoriesAlike() {
        for (final int size : new int[] {3, EventOrder.FEW, EventOrder.FEW + 1, 3 * EventOrder.FEW}) {
            final List<DeviceEvent> history = new ArrayList<>();
            history.add(device("d-0", "A", DeviceAction.RECEIVED, 0));
            for (int i = 1; i < size - 2; i++) {
                history.add(device("d-" + i, "A", DeviceAction.ASSIGNED, i));
            }
            // the same event delivered twice, and the id of d-0 reused later for other content
            history.add(device("d-1", "A", DeviceAction.ASSIGNED, 1));
            history.add(device("d-0", "B", DeviceAction.RETIRED, size));
            final Random random = new Random(size);
            for (int round = 0; round < 5; round++) {
                Collections.shuffle(history, random);
                final DeviceState device = DeviceCustody.fold(history);

                assertThat(device.holder()).as("%d events", size).isEqualTo("A");
                assertThat(device.inService()).as("%d events", size).isTrue();
                assertThat(device.refusals()).as("%d events", size).singleElement().satisfies(refusal -> {
                    assertThat(refusal.ruleId()).isEqualTo(Refusal.EVENT_ID_CONFLICT);
                    assertThat(refusal.schoolId()).isEqualTo("B");
                });
            }
        }
    }

    @Test
    void shouldKeepADeviceAtItsSchoolUntilItIsReleased() {
        final DeviceState attacked = DeviceCustody.fold(List.of(device("d-1", "A", DeviceAction.RECEIVED, 1),
                device("x1", "B", DeviceAction.TRANSFERRED, 2), device("x2", "B", DeviceAction.RETIRED, 3)));
        final DeviceState moved = DeviceCustody.fold(List.of(device("d-1", "A", DeviceAction.RECEIVED, 1),
                device("d-2", "A", DeviceAction.RELEASED, 2), device("d-3", "B", DeviceAction.TRANSFERRED, 3)));

        assertThat(attacked.holder()).isEqualTo("A");
        assertThat(attacked.inService()).isTrue();
        assertThat(attacked.refusals()).extracting(Refusal::eventId).containsExactly("x1", "x2");
        assertThat(moved.holder()).isEqualTo("B");
        assertThat(moved.refusals()).isEmpty();
    }
}
