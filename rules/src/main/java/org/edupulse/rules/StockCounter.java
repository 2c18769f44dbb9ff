package org.edupulse.rules;

import java.util.EnumSet;
import java.util.Set;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.StaffRole;

/**
 * What a person or a device contributes to the school holding it: each counter it makes one larger.
 * Its names are {@code Measure} names in the topology; new counters are appended at the end.
 * Written once here; the topology's totals, lineage and the test oracles all ask {@link #of}.
 */
public enum StockCounter {
    STAFF_ACTIVE,
    IT_TEACHERS,
    IT_CERTIFIED,
    IT_DEGREE_TEACHERS,
    TABLETS,
    TABLETS_WITH_SIM,
    COMPUTERS,
    COMPUTERS_OFFICE,
    COMPUTERS_TEACHING,
    SPONSORED,
    COMMUNITY_TEAM_STAFF,
    TABLETS_PURCHASED;

    /** The counters a person adds to their school: none when on no roster. */
    public static Set<StockCounter> of(final PersonState person) {
        final Set<StockCounter> counters = EnumSet.noneOf(StockCounter.class);
        if (!person.active()) {
            return counters;
        }
        final boolean itTeacher = person.roster().getRole() == StaffRole.IT_TEACHER;
        counters.add(STAFF_ACTIVE);
        add(counters, IT_TEACHERS, itTeacher);
        add(counters, IT_CERTIFIED, person.highest() != null);
        add(counters, IT_DEGREE_TEACHERS, itTeacher && person.holds(CertificationLevel.IT_DEGREE));
        add(counters, COMMUNITY_TEAM_STAFF, person.inCommunityTeam());
        return counters;
    }

    /** The counters a device adds to the school holding it: none when retired or held by nobody. */
    public static Set<StockCounter> of(final DeviceState device) {
        final Set<StockCounter> counters = EnumSet.noneOf(StockCounter.class);
        if (!device.inService()) {
            return counters;
        }
        final DeviceType type = device.latest().getType();
        final boolean tablet = type == DeviceType.TABLET;
        final boolean computer = type == DeviceType.DESKTOP || type == DeviceType.LAPTOP;
        final DevicePurpose purpose = device.latest().getPurpose();
        add(counters, TABLETS, tablet);
        add(counters, TABLETS_WITH_SIM, tablet && device.latest().getHas4gSim());
        add(counters, COMPUTERS, computer);
        add(counters, COMPUTERS_OFFICE, computer && purpose == DevicePurpose.OFFICE);
        add(counters, COMPUTERS_TEACHING, computer && purpose == DevicePurpose.TEACHING);
        add(counters, SPONSORED, device.latest().getSource() == DeviceSource.SPONSORSHIP);
        add(counters, TABLETS_PURCHASED, tablet && device.latest().getSource() == DeviceSource.PURCHASE);
        return counters;
    }

    private static void add(final Set<StockCounter> counters, final StockCounter counter, final boolean condition) {
        if (condition) {
            counters.add(counter);
        }
    }
}
