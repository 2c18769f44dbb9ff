package org.edupulse.simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.edupulse.schemas.School;

/**
 * Applies the 1 July 2025 reform to one school's versions: the version in force just before
 * {@link DienBienGeography#REFORM_DATE} gets a successor on that day that names the school's
 * merged commune and marks its district as a former district, every other field unchanged; a
 * version already on or after that day names the merged commune too. Districts stay as they
 * were, so per-district figures go on.
 */
final class CommuneReform {

    private CommuneReform() {
    }

    /**
     * The school's versions with the reform applied, by effective date. Versions before the
     * reform are returned as they are.
     *
     * @param versions every version of one school, all naming pre-reform communes, in any order
     */
    static List<School> apply(final List<School> versions) {
        final List<School> byDate = new ArrayList<>(versions);
        byDate.sort(Comparator.comparing(School::getEffectiveFrom));
        final List<School> result = new ArrayList<>();
        School lastBefore = null;
        boolean onReformDate = false;
        for (final School version : byDate) {
            if (version.getEffectiveFrom().isBefore(DienBienGeography.REFORM_DATE)) {
                result.add(version);
                lastBefore = version;
            } else {
                onReformDate |= version.getEffectiveFrom().equals(DienBienGeography.REFORM_DATE);
                result.add(reattributed(version, version.getEffectiveFrom()));
            }
        }
        if (lastBefore != null && !onReformDate) {
            final int afterLastBefore = result.indexOf(lastBefore) + 1;
            result.add(afterLastBefore, reattributed(lastBefore, DienBienGeography.REFORM_DATE));
        }
        return result;
    }

    /** {@code version} in its merged commune, in a former district, effective from {@code from}. */
    private static School reattributed(final School version, final LocalDate from) {
        final MergedCommune merged = DienBienGeography.mergedCommuneOf(version.getCommuneId());
        return SchoolCopies.builderOf(version)
                .setCommuneId(merged.id())
                .setCommuneName(merged.name())
                .setDistrictIsFormer(true)
                .setEffectiveFrom(from)
                .build();
    }
}
