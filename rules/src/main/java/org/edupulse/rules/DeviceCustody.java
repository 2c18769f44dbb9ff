package org.edupulse.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.edupulse.schemas.DeviceEvent;

/**
 * How life-cycle events change a device, and which school may post them. A device is held by the
 * school that received it (or took it by transfer) until it is retired or released; only the holder
 * (or the department, which may post for any school) changes it. Nobody holding it, any school may
 * receive it. A transfer between schools is two events: the holder posts {@code RELEASED}, then the
 * receiving school posts {@code TRANSFERRED}. Anything else is refused and reported, never applied.
 * Events apply in {@link EventOrder}, so the state does not depend on arrival order. An applied event
 * that is doubtful ({@link DataQuality#simOnDesktop}) is counted as usual and reported.
 */
public final class DeviceCustody {

    /** The order a device's events apply in, built once. */
    private static final Comparator<DeviceEvent> ORDER =
            EventOrder.of(DeviceEvent::getOccurredAt, DeviceEvent::getEventId);

    private DeviceCustody() {
    }

    /** The device after all of {@code events} (all of one device id), in event order. */
    public static DeviceState fold(final Collection<DeviceEvent> events) {
        final List<Refusal> refusals = new ArrayList<>();
        final List<DeviceEvent> ordered = EventOrder.distinct(events, ORDER, DeviceEvent::getEventId,
                DeviceEvent::getSchoolId, DeviceEvent::getDeviceId, refusals);
        final List<Finding> findings = new ArrayList<>();
        DeviceEvent current = null;
        for (final DeviceEvent event : ordered) {
            final String holder = DeviceState.holderOf(current);
            if (holder == null || holder.equals(event.getSchoolId())) {
                current = event;
                DataQuality.simOnDesktop(event).ifPresent(findings::add);
            } else {
                refusals.add(new Refusal(Refusal.HELD_BY_OTHER_SCHOOL, event.getDeviceId(), event.getEventId(),
                        event.getSchoolId(), "device event " + event.getAction() + " for device " + event.getDeviceId()
                        + " by school " + event.getSchoolId() + " not applied: the device is held by school " + holder
                        + ", which (or the department) must first post RELEASED", event));
            }
        }
        refusals.sort(Refusal.ORDER);
        findings.sort(Finding.ORDER);
        return new DeviceState(current, refusals, findings);
    }
}
