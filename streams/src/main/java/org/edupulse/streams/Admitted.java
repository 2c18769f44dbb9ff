package org.edupulse.streams;

import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.SchoolVersions;
import org.edupulse.streams.state.TrainingFact;
import org.edupulse.streams.state.UnitTotals;

/**
 * What the ingest step makes of one raw record: a typed, validated value to route, or a rejection,
 * and, beside an admitted value, any data-quality finding about it.
 * It lives only between the ingest processor and the branches that follow it in the same
 * sub-topology, so it is never serialized.
 */
sealed interface Admitted {

    record Rejected(DeadLetter deadLetter) implements Admitted { }

    /** A record admitted and counted as usual, but doubtful (e.g. a school without learners). */
    record Finding(DataQualityFinding finding) implements Admitted { }

    /**
     * A signed change of the findings that apply now to a school's own records (keyed by that school): +1
     * when a school version without learners arrives, -1 when a correction of the same version replaces it.
     */
    record FindingCount(UnitTotals delta) implements Admitted { }

    record CurrentSchool(SchoolVersion school) implements Admitted { }

    /** Every version of a school as its records now state them, whenever one is added or corrected. */
    record Versions(SchoolVersions versions) implements Admitted { }

    /** A roster event, with where it was read (for findings and lineage). */
    record Staff(StaffEvent event, RecordMetadata origin) implements Admitted { }

    record Certification(CertificationEvent event, RecordMetadata origin) implements Admitted { }

    record Device(DeviceEvent event, RecordMetadata origin) implements Admitted { }

    /** A training event resolved to its district, and the event itself for the rules core's checks. */
    record Training(TrainingFact fact, TrainingEvent event) implements Admitted { }
}
