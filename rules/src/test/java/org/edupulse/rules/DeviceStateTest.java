package org.edupulse.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.rules.TestRecords.device;

import java.util.List;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceSource;
import org.junit.jupiter.api.Test;

class DeviceStateTest {

    @Test
    void shouldCountASponsoredDeviceInServiceUnderTheProgrammeItsLastEventNames() {
        // Given / When / Then
        final var sponsored = device().setSource(DeviceSource.SPONSORSHIP).setProgramme("Internet and Tablets for Children");
        assertThat(new DeviceState(sponsored.build(), List.of(), List.of()).programme())
                .isEqualTo("Internet and Tablets for Children");
        assertThat(new DeviceState(sponsored.setProgramme(null).build(), List.of(), List.of()).programme())
                .isEqualTo(DeviceState.UNNAMED_PROGRAMME);
        assertThat(new DeviceState(device().setSource(DeviceSource.PURCHASE).setProgramme(null).build(), List.of(),
                List.of()).programme()).isNull();
        assertThat(new DeviceState(sponsored.setProgramme("P").setAction(DeviceAction.RETIRED).build(), List.of(),
                List.of()).programme()).isNull();
        assertThat(new DeviceState(null, List.of(), List.of()).programme()).isNull();
    }
}
