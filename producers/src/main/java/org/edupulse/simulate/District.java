package org.edupulse.simulate;

import java.util.List;

/**
 * A pre-2025 district-level unit of the province with its communes, the first being the town or
 * central commune. Remote districts are where ethnic-minority boarding schools and sponsored
 * tablets concentrate. Since 1 July 2025 the district is no longer a level of government; the
 * department keeps it as a statistical grouping (a former district) for comparisons.
 *
 * @param id          reporting-unit id, e.g. {@code DB-MC}
 * @param name        official name
 * @param remote      whether the district is a remote, mostly ethnic-minority highland district
 * @param communes    commune names before July 2025, the town or central commune first
 */
public record District(String id, String name, boolean remote, List<String> communes) {

    public District {
        communes = List.copyOf(communes);
    }

    /** Id of the commune at this index (from zero) of {@link #communes()}, e.g. {@code DB-MA-CMN-01}. */
    public String communeId(final int index) {
        if (index < 0 || index >= communes.size()) {
            throw new IndexOutOfBoundsException("district " + id + " has " + communes.size()
                    + " communes, no commune at index " + index);
        }
        return String.format("%s-CMN-%02d", id, index + 1);
    }
}
