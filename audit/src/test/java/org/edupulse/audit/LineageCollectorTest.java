package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.edupulse.streams.state.SchoolVersion;
import org.junit.jupiter.api.Test;

class LineageCollectorTest {

    @Test
    void shouldNameTheCommuneAndTheDistrictAVersionPlacesItsFiguresIn() {
        // Given a school's version before the reform, its version from 1 July 2025 and a version that names no district
        final SchoolVersion before = version("DB-MA-CMN-02", "DB-MA", false);
        final SchoolVersion after = version("DB-MA-X01", "DB-MA", true);
        final SchoolVersion noDistrict = version("DB-MA-X01", "", false);

        // When lineage says where each counts
        // Then it names the commune and the district, a former district as such, and no empty district
        assertThat(LineageCollector.places(before)).isEqualTo("commune DB-MA-CMN-02 and district DB-MA");
        assertThat(LineageCollector.places(after)).isEqualTo("commune DB-MA-X01 and former district DB-MA");
        assertThat(LineageCollector.places(noDistrict)).isEqualTo("commune DB-MA-X01");
    }

    private static SchoolVersion version(final String communeId, final String districtId, final boolean former) {
        return SchoolVersion.newBuilder().setSchoolId("DB-MA-SCH-001")
                .setEffectiveFrom((int) LocalDate.of(2025, 7, 1).toEpochDay()).setSchoolName("School")
                .setCommuneId(communeId).setCommuneName("Commune").setDistrictId(districtId)
                .setDistrictName(districtId.isEmpty() ? "" : "Mường Ảng").setDistrictIsFormer(former)
                .setProvinceId("DB").setProvinceName("Điện Biên").setLearnersEnrolled(100).setInternetForTeaching(true)
                .build();
    }
}
