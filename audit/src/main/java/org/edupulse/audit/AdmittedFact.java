package org.edupulse.audit;

import org.edupulse.streams.state.TrainingFact;

/**
 * A training session the replayed ingest step admitted, with the log record it came from.
 *
 * @param fact   the fact the topology derived (district in force on its day, participants, drill)
 * @param source the raw record, for its partition, offset and event id
 */
record AdmittedFact(TrainingFact fact, RawRecord source) {
}
