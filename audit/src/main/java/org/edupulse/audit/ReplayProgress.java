package org.edupulse.audit;

/**
 * Progress of a replay, so that a terminal can show rate and ETA: first the records read from the
 * log, then the records replayed through the topology, each against its known total.
 */
@FunctionalInterface
public interface ReplayProgress {

    /** Which half of the work a progress update is about. */
    enum Stage { READ, REPLAY }

    /** No progress reporting. */
    ReplayProgress NONE = (stage, done, total) -> { };

    /**
     * @param stage what is being counted
     * @param done  records done so far in this stage
     * @param total records this stage will handle (for READ, an upper bound: transaction markers take offsets)
     */
    void update(Stage stage, long done, long total);
}
