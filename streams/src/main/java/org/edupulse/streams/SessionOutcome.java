package org.edupulse.streams;

import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.LateEvent;
import org.edupulse.streams.state.TrainingDelta;

/**
 * What the session step makes of one training event: signed changes of a district's days, a
 * late-ledger entry, or a finding. Lives only between the session processor and the branches that
 * follow it, so it is never serialized.
 */
sealed interface SessionOutcome {

    /** Signed counters to add to the district {@code delta.getDistrictId()} on {@code delta.getDay()}. */
    record Delta(TrainingDelta delta) implements SessionOutcome { }

    record Late(LateEvent lateEvent) implements SessionOutcome { }

    record Finding(DataQualityFinding finding) implements SessionOutcome { }
}
