package org.edupulse.simulate;

import java.util.List;

/**
 * A commune formed on 1 July 2025 by merging communes of one former district, as the simulator
 * models the reform ({@link DienBienGeography#MERGED_COMMUNES}).
 *
 * @param id                 id of the new commune, e.g. {@code DB-MA-X01}, distinct from every pre-reform id
 * @param name               its name: the name of its first member
 * @param formerDistrictId   the former district whose communes it merges
 * @param formerCommuneIds   ids of the pre-reform communes it merges, in the district's order
 */
public record MergedCommune(String id, String name, String formerDistrictId, List<String> formerCommuneIds) {

    public MergedCommune {
        formerCommuneIds = List.copyOf(formerCommuneIds);
    }
}
