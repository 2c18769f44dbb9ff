package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LatencyScenarioTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @ParameterizedTest
    @EnumSource(DeviceAction.class)
    void shouldTimeADeviceEventOnlyWhenTheDeviceStaysWithASchool(final DeviceAction action) {
        // Given a device event of each action
        final DeviceEvent event = DeviceEvent.newBuilder().setEventId("e1").setDeviceId("D1").setSchoolId("S1")
                .setType(DeviceType.TABLET).setPurpose(DevicePurpose.TEACHING).setHas4gSim(false).setAction(action)
                .setSource(DeviceSource.PURCHASE).setProgramme(null).setOccurredAt(AT).build();

        // Then a retirement or a release, which takes the device out of its school's sum, is not timed
        assertThat(LatencyScenario.timed(event))
                .isEqualTo(action != DeviceAction.RETIRED && action != DeviceAction.RELEASED);
    }

    @ParameterizedTest
    @EnumSource(StaffAction.class)
    void shouldTimeAStaffEventOnlyWhenThePersonStaysOnARoster(final StaffAction action) {
        // Given a staff event of each action
        final StaffEvent event = StaffEvent.newBuilder().setEventId("e1").setStaffId("P1").setSchoolId("S1")
                .setRole(StaffRole.TEACHER).setAction(action).setOccurredAt(AT)
                .setTeamCommuneId(action == StaffAction.TEAM_JOINED || action == StaffAction.TEAM_LEFT ? "C1" : null)
                .build();

        // Then a leaver or a release, which takes the person off the school's roster, is not timed
        assertThat(LatencyScenario.timed(event)).isEqualTo(action != StaffAction.LEFT && action != StaffAction.RELEASED);
    }

    @ParameterizedTest
    @EnumSource(CertificationAction.class)
    void shouldNotTimeACertification(final CertificationAction action) {
        // Given a certification event: its person's roster time is what its district's asOf carries
        final CertificationEvent event = CertificationEvent.newBuilder().setEventId("e1").setStaffId("P1")
                .setSchoolId("S1").setLevel(CertificationLevel.BASIC_IT).setAction(action).setIssuer(null)
                .setOccurredAt(AT).build();

        // Then it is sent, not timed
        assertThat(LatencyScenario.timed(event)).isFalse();
    }
}
