package org.edupulse.ingest;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;

/** Field-by-field mapping of a school reference row to a {@link School}. */
final class SchoolMapper implements RecordMapper {

    @Override
    public SpecificRecord map(final FieldReader in) {
        final School school = new School();
        in.requiredString("schoolId", school::setSchoolId);
        in.requiredString("name", school::setName);
        in.requiredEnum("level", SchoolLevel.class, school::setLevel);
        in.requiredString("communeId", school::setCommuneId);
        in.requiredString("communeName", school::setCommuneName);
        in.optionalString("districtId", school::setDistrictId);
        in.optionalString("districtName", school::setDistrictName);
        in.optionalBoolean("districtIsFormer", false, school::setDistrictIsFormer);
        in.requiredString("provinceId", school::setProvinceId);
        in.requiredString("provinceName", school::setProvinceName);
        in.requiredInt("learnersEnrolled", school::setLearnersEnrolled);
        in.requiredEnum("internet", Connectivity.class, school::setInternet);
        in.requiredBoolean("internetForTeaching", school::setInternetForTeaching);
        in.optionalBoolean("wifiCoverage", false, school::setWifiCoverage);
        in.requiredDate("effectiveFrom", school::setEffectiveFrom);
        return school;
    }

    @Override
    public Set<String> optionalFields() {
        return Set.of("districtId", "districtName", "districtIsFormer", "wifiCoverage");
    }
}
