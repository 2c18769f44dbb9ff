package org.edupulse.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The named datasets the simulator can produce: the calibrated Điện Biên 2025 history that
 * reproduces the published figures, and a small one for fast tests and a quick demo.
 */
public enum Profile {

    /** Reproduces the late-2025 published figures of Điện Biên's education sector exactly. */
    DIEN_BIEN_2025("dien-bien-2025", new Calibration(
            List.of(40, 10, 84, 50, 32, 46, 44, 54, 44, 76),
            15_614, 315, 13_194, 14_437,
            5_000, 12_946, 3_128, 9_472, 3, 2, 420,
            new DistrictCalibration(DienBienGeography.MUONG_ANG, 840, 630, 24, 22),
            86, 0.04, 0.015, 0.004)),

    /** Two schools per district and a few hundred events, consistent but not calibrated. */
    SMALL("small", new Calibration(
            List.of(2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
            120, 12, 90, 60,
            30, 40, 20, 45, 1, 1, 4,
            new DistrictCalibration(DienBienGeography.MUONG_ANG, 12, 9, 2, 1),
            8, 0.05, 0.03, 0.02));

    private final String profileName;
    private final Calibration calibration;

    Profile(final String profileName, final Calibration calibration) {
        this.profileName = profileName;
        this.calibration = calibration;
    }

    /** The name used on the command line, e.g. {@code dien-bien-2025}. */
    public String profileName() {
        return profileName;
    }

    /** The end state and noise of this profile. */
    public Calibration calibration() {
        return calibration;
    }

    /** The profile with this command-line name; the exception lists the known names. */
    public static Profile byName(final String name) {
        return Arrays.stream(values())
                .filter(p -> p.profileName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile '" + name + "'; known profiles: "
                        + Arrays.stream(values()).map(Profile::profileName).collect(Collectors.joining(", "))));
    }
}
