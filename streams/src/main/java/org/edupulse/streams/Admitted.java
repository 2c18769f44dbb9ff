package org.edupulse.streams;

import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.LateEvent;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.TrainingFact;

/**
 * What the ingest step makes of one raw record: a typed, validated value to route, or a rejection.
 * It lives only between the ingest processor and the branches that follow it in the same
 * sub-topology, so it is never serialized.
 */
sealed interface Admitted {

    record Rejected(DeadLetter deadLetter) implements Admitted { }

    record Late(LateEvent lateEvent) implements Admitted { }

    record CurrentSchool(SchoolVersion school) implements Admitted { }

    record Staff(StaffEvent event) implements Admitted { }

    record Certification(CertificationEvent event) implements Admitted { }

    record Device(DeviceEvent event) implements Admitted { }

    record Training(TrainingFact fact) implements Admitted { }
}
