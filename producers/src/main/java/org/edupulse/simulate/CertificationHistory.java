package org.edupulse.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.topics.Topics;

/**
 * Writes certificate awards and revocations so that every active person ends holding exactly
 * their planned highest level (or none). Noise that cancels out: certificates revoked and later
 * re-awarded, a higher level awarded then revoked, basic certificates of uncertified staff
 * revoked, and certificates of people who later leave.
 */
final class CertificationHistory {

    private static final List<String> ISSUERS = List.of(
            "Điện Biên Department of Education and Training",
            "Tây Bắc University",
            "Điện Biên Vocational College");
    private static final String DEGREE_ISSUER = "Thái Nguyên University of Information and Communication Technology";
    private static final Instant LAST_AWARD = ProvinceTime.startOf(ProvinceTime.LAST_DAY.minusDays(1));

    private final Calibration calibration;
    private final SplittableRandom random;
    private final EventTimeline timeline;

    CertificationHistory(final Calibration calibration, final SplittableRandom random, final EventTimeline timeline) {
        this.calibration = calibration;
        this.random = random;
        this.timeline = timeline;
    }

    void write(final List<Career> careers) {
        final List<Career> certified = new ArrayList<>();
        final List<Career> uncertified = new ArrayList<>();
        for (final Career career : careers) {
            if (career.active() && career.highestLevel() != null) {
                certified.add(career);
            } else if (career.active()) {
                uncertified.add(career);
            }
        }
        final int reawarded = Draws.atLeastOne(certified.size() * calibration.noiseShare() * 0.5);
        final int overreached = Draws.atLeastOne(certified.size() * calibration.noiseShare() * 0.3);
        final int[] order = Draws.permutation(random, certified.size());
        final boolean[] reaward = new boolean[certified.size()];
        final boolean[] overreach = new boolean[certified.size()];
        int overreaching = 0;
        for (int k = 0; k < order.length; k++) {
            final int i = order[k];
            if (k < reawarded) {
                reaward[i] = true;
            } else if (overreaching < overreached && certified.get(i).highestLevel() != CertificationLevel.IT_DEGREE) {
                overreach[i] = true;
                overreaching++;
            }
        }
        for (int i = 0; i < certified.size(); i++) {
            writeSteps(certified.get(i), stepsEndingAt(certified.get(i), reaward[i], overreach[i]),
                    LAST_AWARD);
        }
        final int revokedOnly = Math.min(uncertified.size(),
                Draws.atLeastOne(uncertified.size() * calibration.noiseShare() * 2));
        final int[] uncertifiedOrder = Draws.permutation(random, uncertified.size());
        for (int k = 0; k < revokedOnly; k++) {
            writeSteps(uncertified.get(uncertifiedOrder[k]), List.of(
                    new Step(CertificationLevel.BASIC_IT, CertificationAction.AWARDED),
                    new Step(CertificationLevel.BASIC_IT, CertificationAction.REVOKED)), LAST_AWARD);
        }
        for (final Career career : careers) {
            if (!career.active() && random.nextDouble() < 0.5) {
                writeSteps(career, List.of(new Step(CertificationLevel.BASIC_IT, CertificationAction.AWARDED)),
                        career.leftAt().minus(Duration.ofDays(1)));
            }
        }
    }

    private List<Step> stepsEndingAt(final Career career, final boolean reaward, final boolean overreach) {
        final CertificationLevel level = career.highestLevel();
        final List<Step> steps = new ArrayList<>();
        if (level == CertificationLevel.BASIC_IT || random.nextDouble() < 0.5) {
            steps.add(new Step(CertificationLevel.BASIC_IT, CertificationAction.AWARDED));
        }
        if (level != CertificationLevel.BASIC_IT) {
            steps.add(new Step(level, CertificationAction.AWARDED));
        }
        if (reaward) {
            final Step again = steps.get(random.nextInt(steps.size()));
            final int at = steps.indexOf(again) + 1;
            steps.add(at, new Step(again.level(), CertificationAction.REVOKED));
            steps.add(at + 1, new Step(again.level(), CertificationAction.AWARDED));
        }
        if (overreach) {
            final CertificationLevel higher = CertificationLevel.values()[level.ordinal() + 1];
            steps.add(new Step(higher, CertificationAction.AWARDED));
            steps.add(new Step(higher, CertificationAction.REVOKED));
        }
        return steps;
    }

    private void writeSteps(final Career career, final List<Step> steps, final Instant until) {
        final Instant[] times = EventTimes.ascending(random, career.certifiableFrom(), until, steps.size());
        for (int k = 0; k < steps.size(); k++) {
            final Step step = steps.get(k);
            final String schoolId = career.schoolAt(times[k]);
            final CertificationEvent event = CertificationEvent.newBuilder()
                    .setEventId(timeline.nextEventId())
                    .setStaffId(career.staffId())
                    .setSchoolId(schoolId)
                    .setLevel(step.level())
                    .setAction(step.action())
                    .setIssuer(issuer(step.level()))
                    .setOccurredAt(times[k])
                    .build();
            timeline.add(times[k], new SimulatedEvent(Topics.CERTIFICATION_EVENTS, schoolId, event));
        }
    }

    private String issuer(final CertificationLevel level) {
        if (random.nextDouble() < 0.1) {
            return null;
        }
        return level == CertificationLevel.IT_DEGREE ? DEGREE_ISSUER : ISSUERS.get(random.nextInt(ISSUERS.size()));
    }

    private record Step(CertificationLevel level, CertificationAction action) {
    }
}
