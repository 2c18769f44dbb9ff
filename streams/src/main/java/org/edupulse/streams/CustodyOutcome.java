package org.edupulse.streams;

import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.EntityHolder;
import org.edupulse.streams.state.SchoolMonthInput;
import org.edupulse.streams.state.UnitTotals;

/**
 * What the custody step makes of one person or device event: a change of its school's totals, a
 * finding about an event the rules core refused, or a new holder. Lives only between the custody processor and the
 * branches that follow it, so it is never serialized.
 */
sealed interface CustodyOutcome {

    /**
     * Signed counters to add to the totals of the school {@code delta.getUnitId()}: the stocks it holds,
     * or the findings that apply now to the events it posted.
     */
    record Delta(UnitTotals delta) implements CustodyOutcome { }

    record Finding(DataQualityFinding finding) implements CustodyOutcome { }

    /**
     * A signed change of the stocks the school {@code change.getSchoolId()} holds at the end of month
     * {@code change.getMonth()} and after, in event time: what the calendar periods count.
     */
    record StockMonth(SchoolMonthInput change) implements CustodyOutcome { }

    /** The entity's holder changed (keyed by {@code Topics.holderKey}). */
    record Holder(EntityHolder holder) implements CustodyOutcome { }
}
