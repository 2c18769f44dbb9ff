package org.edupulse.simulate;

import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.StaffRole;

/**
 * A person active at the end of the history: where they work, in what role, and the highest IT
 * certificate they hold then ({@code null} for none).
 */
record PlannedStaff(String staffId, String schoolId, StaffRole role, CertificationLevel highestLevel) {
}
