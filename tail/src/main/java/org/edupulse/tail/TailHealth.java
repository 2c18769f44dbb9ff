package org.edupulse.tail;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of a {@link CompactedTail}, for the health endpoints of the servers that depend on it:
 * a server must not answer from a tail that has not read its topic once, or that has stopped
 * getting anywhere.
 *
 * @param name               the tail's name, e.g. {@code api-keys}
 * @param topic              the topic it reads
 * @param caughtUp           whether it has once read everything that was in the topic when it started
 * @param lastSuccessfulPoll when a poll last succeeded; null before the first
 * @param stale              whether that was longer ago than the policy allows (or never happened)
 * @param error              the error of the last attempt, or why the tail is waiting to read a record it
 *                           could not deserialize for a transient reason (e.g. the schema registry does
 *                           not answer); null when neither
 * @param failures           failed attempts since start (each is logged, except the retries of a record the
 *                           tail waits to read: those are logged once when it starts waiting)
 * @param skipped            records skipped because they could not be read or handled (each is logged)
 */
public record TailHealth(String name, String topic, boolean caughtUp, Instant lastSuccessfulPoll, boolean stale,
                         String error, long failures, long skipped) {

    /** Caught up once, polling successfully lately, the last attempt did not fail and no record is waited on. */
    public boolean healthy() {
        return caughtUp && !stale && error == null;
    }

    /** Why it is not healthy, in words for an operator; empty when it is. */
    public String problem() {
        if (error != null) {
            return "reading " + topic + " fails: " + error;
        }
        if (!caughtUp) {
            return "has not yet read everything in " + topic;
        }
        if (stale) {
            return "no successful read of " + topic + " since " + lastSuccessfulPoll;
        }
        return "";
    }

    /** For a JSON health answer. */
    public Map<String, Object> toMap() {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", healthy() ? "UP" : "DOWN");
        map.put("topic", topic);
        map.put("caughtUp", caughtUp);
        map.put("lastSuccessfulPoll", lastSuccessfulPoll == null ? null : lastSuccessfulPoll.toString());
        map.put("failures", failures);
        map.put("skippedRecords", skipped);
        if (!healthy()) {
            map.put("problem", problem());
        }
        return map;
    }
}
