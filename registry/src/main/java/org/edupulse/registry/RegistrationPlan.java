package org.edupulse.registry;

import java.util.List;
import org.edupulse.registry.StoreRecord.SchemaRecord;

/**
 * What a writer proposes to append for a new registration, with the snapshot its compatibility
 * check must run against: the subject's versions (oldest first) and the level in force.
 */
record RegistrationPlan(SchemaRecord proposal, List<SchemaVersion> previous, CompatibilityLevel level) {
}
