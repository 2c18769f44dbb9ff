package org.edupulse.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.edupulse.schemas.School;
import org.edupulse.topics.Topics;

/**
 * Generates a profile's full event-level history in publish order: the school reference records
 * first, then roster, certification, device and training events roughly in event-time order from
 * {@link ProvinceTime#HISTORY_START} to {@link ProvinceTime#HISTORY_END}, with late and duplicated
 * events. The end state is planned first and the history written to end in it, so the calibrated
 * figures hold for every seed; the same seed gives the same sequence, byte for byte.
 *
 * <p>The history is materialised as a list before it is streamed (about 110,000 records for
 * {@code dien-bien-2025}, a few tens of megabytes), because publish order needs a sort over all
 * events.
 */
public final class HistoryGenerator {

    /** The seed used when none is given, so that the reference dataset is one well-known sequence. */
    public static final long DEFAULT_SEED = 2025L;

    /** Mixed into the seed of the community-team draws. */
    private static final long COMMUNITY_TEAM_SALT = 0x7EA4_C0DEL;

    /** Prefix of history event ids; live events use another. */
    static final String EVENT_ID_PREFIX = "ev-";

    /** The history as a stream in publish order. */
    public Stream<SimulatedEvent> history(final Profile profile, final long seed) {
        return events(profile, seed).stream();
    }

    /** The history as a list in publish order. */
    public List<SimulatedEvent> events(final Profile profile, final long seed) {
        final FinalState state = FinalStatePlanner.plan(profile, seed);
        final Calibration calibration = profile.calibration();
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        final EventTimeline timeline = new EventTimeline(EVENT_ID_PREFIX);
        final List<Career> careers = new StaffHistory(state, calibration, random.split(), timeline).write();
        new CertificationHistory(calibration, random.split(), timeline).write(careers);
        new DeviceHistory(state, calibration, random.split(), timeline).write();
        new TrainingHistory(state, random.split(), timeline).write(careers);
        // a stream of its own: the draws above, and so the calibrated figures, are as without the teams
        new CommunityTeamHistory(state.schools(), new SplittableRandom(seed ^ COMMUNITY_TEAM_SALT), timeline)
                .write(careers);
        final List<SimulatedEvent> events = new ArrayList<>(state.schools().records().size() + timeline.size());
        for (final School school : state.schools().records()) {
            events.add(new SimulatedEvent(Topics.SCHOOLS, school.getSchoolId(), school));
        }
        events.addAll(timeline.inPublishOrder(random.split(), calibration.lateShare(), calibration.duplicateShare()));
        return events;
    }
}
