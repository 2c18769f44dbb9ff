package org.edupulse.rules;

import java.util.List;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;

/**
 * One device after every applied event.
 *
 * @param latest   the last applied life-cycle event (where it is, what for, in service or not), or null
 * @param refusals the events not applied, sorted by event id
 * @param findings the events applied and counted as usual but doubtful ({@link DataQuality}), sorted by event id
 */
public record DeviceState(DeviceEvent latest, List<Refusal> refusals, List<Finding> findings) {

    public DeviceState {
        refusals = List.copyOf(refusals);
        findings = List.copyOf(findings);
    }

    /** The school holding the device, or null (never received, retired, or released for a transfer). */
    public String holder() {
        return holderOf(latest);
    }

    /** Counted in its school's devices: held and not retired. */
    public boolean inService() {
        return holder() != null;
    }

    /** The programme key of a device whose event names none (the rules refuse that at every entry point). */
    public static final String UNNAMED_PROGRAMME = "(programme not stated)";

    /**
     * The sponsorship programme a device counts under in the per-programme breakdown: the one its last applied
     * event names ({@link #UNNAMED_PROGRAMME} if none), or null when it is not a sponsored device in service.
     */
    public String programme() {
        if (!inService() || !StockCounter.of(this).contains(StockCounter.SPONSORED)) {
            return null;
        }
        return latest.getProgramme() == null ? UNNAMED_PROGRAMME : latest.getProgramme();
    }

    static String holderOf(final DeviceEvent latest) {
        if (latest == null || latest.getAction() == DeviceAction.RETIRED || latest.getAction() == DeviceAction.RELEASED) {
            return null;
        }
        return latest.getSchoolId();
    }
}
