package org.edupulse.simulate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.edupulse.schemas.DeviceType;

/**
 * Hands out asset-inventory ids by device type ({@code DB-TAB-000123}, {@code DB-DSK-…},
 * {@code DB-LAP-…}, {@code DB-OTH-…}), continuing after the highest number already used so that
 * devices created later never reuse an id.
 */
final class AssetNumbers {

    private final Map<DeviceType, Integer> lastUsed = new EnumMap<>(DeviceType.class);
    private final String prefix;
    private final String series;

    AssetNumbers(final String prefix) {
        this(prefix, "");
    }

    /** Numbers in a separate series (e.g. {@code L} for live devices), which can never meet the history's. */
    AssetNumbers(final String prefix, final String series) {
        this.prefix = prefix;
        this.series = series;
    }

    static AssetNumbers continuingAfter(final String prefix, final List<PlannedDevice> devices) {
        final AssetNumbers numbers = new AssetNumbers(prefix);
        for (final PlannedDevice device : devices) {
            final String id = device.deviceId();
            if (id.startsWith(numbers.typePrefix(device.type()))) {
                final int number = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
                numbers.lastUsed.merge(device.type(), number, Math::max);
            }
        }
        return numbers;
    }

    String next(final DeviceType type) {
        final int number = lastUsed.merge(type, 1, Integer::sum);
        return typePrefix(type) + series + String.format("%06d", number);
    }

    private String typePrefix(final DeviceType type) {
        switch (type) {
            case TABLET:
                return prefix + "TAB-";
            case DESKTOP:
                return prefix + "DSK-";
            case LAPTOP:
                return prefix + "LAP-";
            default:
                return prefix + "OTH-";
        }
    }
}
