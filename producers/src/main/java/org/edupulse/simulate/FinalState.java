package org.edupulse.simulate;

import java.util.List;
import java.util.Map;

/**
 * What the province looks like at the end of the history, decided before any event is written:
 * the schools, every active person, every device in service, and how many training sessions each
 * school held. The history generator then writes events that end exactly here.
 */
record FinalState(SchoolDirectory schools, List<PlannedStaff> staff, List<PlannedDevice> devices,
                  Map<String, Integer> trainingSessionsBySchool) {
}
