package org.edupulse.simulate;

import java.util.List;

/**
 * A pre-2025 district-level unit of the province with its communes, the first being the town or
 * central commune. Remote districts are where ethnic-minority boarding schools and sponsored
 * tablets concentrate.
 *
 * @param id          reporting-unit id, e.g. {@code DB-MC}
 * @param name        official name
 * @param remote      whether the district is a remote, mostly ethnic-minority highland district
 * @param communes    commune names, the town or central commune first
 */
public record District(String id, String name, boolean remote, List<String> communes) {

    public District {
        communes = List.copyOf(communes);
    }
}
