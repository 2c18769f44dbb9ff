package org.edupulse.streams;

import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.StaffEvent;

/**
 * The reducers of the stock tables: the event with the greatest occurredAt wins, ties broken by
 * the greater event id, so the outcome does not depend on arrival order and a re-send changes nothing.
 */
final class Latest {

    private Latest() {
    }

    static StaffEvent staff(final StaffEvent current, final StaffEvent candidate) {
        return wins(candidate.getOccurredAt().toEpochMilli(), candidate.getEventId(),
                current.getOccurredAt().toEpochMilli(), current.getEventId()) ? candidate : current;
    }

    static CertificationEvent certification(final CertificationEvent current, final CertificationEvent candidate) {
        return wins(candidate.getOccurredAt().toEpochMilli(), candidate.getEventId(),
                current.getOccurredAt().toEpochMilli(), current.getEventId()) ? candidate : current;
    }

    static DeviceEvent device(final DeviceEvent current, final DeviceEvent candidate) {
        return wins(candidate.getOccurredAt().toEpochMilli(), candidate.getEventId(),
                current.getOccurredAt().toEpochMilli(), current.getEventId()) ? candidate : current;
    }

    private static boolean wins(final long time, final String id, final long currentTime, final String currentId) {
        return time > currentTime || time == currentTime && id.compareTo(currentId) >= 0;
    }
}
