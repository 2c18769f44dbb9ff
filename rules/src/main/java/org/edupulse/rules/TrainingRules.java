package org.edupulse.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;

/**
 * How a training session counts, written once for the live topology, the audit and the test oracles.
 *
 * <ul>
 *   <li><b>Identity.</b> A session is {@code (schoolId, sessionId)}. Of its events, the one appended
 *       last to the school's log is the session as it stands: a later event corrects an earlier one
 *       (another date, another count), and a {@link TrainingAction#CANCELLED} one withdraws it. A
 *       school's events sit in one partition, so "appended last" is the log's own order, the same for
 *       every reader.</li>
 *   <li><b>Windows.</b> "The last 30 days" are the 30 days of the province's calendar ending with the
 *       day the indicators are evaluated on, that day included; likewise 90 and 365.</li>
 *   <li><b>Lateness.</b> A session recorded (appended to the log) more than the grace period after it
 *       was held is late: it still counts in its day, and it is written to the late-event ledger
 *       because it changed figures that had already been published for that day.</li>
 * </ul>
 */
public final class TrainingRules {

    /** Widest rolling window, in days. */
    public static final int WIDEST_WINDOW_DAYS = 365;

    private TrainingRules() {
    }

    /** The identity of the session an event is about. */
    public static String sessionKey(final String schoolId, final String sessionId) {
        return schoolId + "|" + sessionId;
    }

    /**
     * The sessions of one school as they stand after its training events, taken in the order of its
     * log: by session id, the event in force (withdrawn sessions are absent). An event id counts at its
     * first use; a later event with the same id is a re-delivery or a conflict and changes nothing.
     * The session step of the topology applies the same rules one event at a time.
     */
    public static Map<String, TrainingEvent> standing(final List<TrainingEvent> schoolLog) {
        final Map<String, TrainingEvent> firstUse = new HashMap<>();
        final Map<String, TrainingEvent> sessions = new LinkedHashMap<>();
        for (final TrainingEvent event : schoolLog) {
            if (firstUse.putIfAbsent(event.getEventId(), event) != null) {
                continue;
            }
            if (counts(event)) {
                sessions.put(event.getSessionId(), event);
            } else {
                sessions.remove(event.getSessionId());
            }
        }
        return sessions;
    }

    /** Whether the session, as this event states it, counts: false for a cancellation. */
    public static boolean counts(final TrainingEvent event) {
        return event.getAction() != TrainingAction.CANCELLED;
    }

    /** Whether the session is a cybersecurity drill. */
    public static boolean drill(final TrainingEvent event) {
        return event.getTopic() == TrainingTopic.CYBERSECURITY_DRILL;
    }

    /** Whether an event appended at {@code appendedAt} about a session held at {@code occurredAt} is late. */
    public static boolean late(final Instant occurredAt, final Instant appendedAt, final Duration grace) {
        return Duration.between(occurredAt, appendedAt).compareTo(grace) > 0;
    }

    /** One day of a unit's sessions: what the windows sum. */
    public record Day(int epochDay, long sessions, long participants, long drills) {
    }

    /** The windowed counts of one unit evaluated on one day. */
    public record Windows(long sessions30, long sessions90, long sessions365, long participants30,
                          long participants365, long drills365) {
    }

    /** Whether a session held on {@code day} is within the {@code length}-day window ending on {@code today}. */
    public static boolean inWindow(final int day, final int today, final int length) {
        final int age = today - day;
        return age >= 0 && age < length;
    }

    /** The 30/90/365-day windows ending on {@code today} (epoch day of the province's calendar, included). */
    public static Windows windows(final Iterable<Day> days, final int today) {
        long sessions30 = 0;
        long sessions90 = 0;
        long sessions365 = 0;
        long participants30 = 0;
        long participants365 = 0;
        long drills365 = 0;
        for (final Day day : days) {
            if (!inWindow(day.epochDay(), today, WIDEST_WINDOW_DAYS)) {
                continue;
            }
            sessions365 += day.sessions();
            participants365 += day.participants();
            drills365 += day.drills();
            if (inWindow(day.epochDay(), today, 90)) {
                sessions90 += day.sessions();
            }
            if (inWindow(day.epochDay(), today, 30)) {
                sessions30 += day.sessions();
                participants30 += day.participants();
            }
        }
        return new Windows(sessions30, sessions90, sessions365, participants30, participants365, drills365);
    }
}
