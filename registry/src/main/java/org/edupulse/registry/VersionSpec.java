package org.edupulse.registry;

/**
 * A version as written in a URL: a positive number or {@code latest}. Anything else is refused
 * with 42202 before the subject is even looked up, as Confluent does.
 *
 * @param number the version, or 0 for latest
 */
record VersionSpec(int number) {

    static final String LATEST = "latest";

    static VersionSpec parse(final String text) {
        if (LATEST.equals(text)) {
            return new VersionSpec(0);
        }
        try {
            final int number = Integer.parseInt(text);
            if (number < 1) {
                throw RegistryException.invalidVersion(text);
            }
            return new VersionSpec(number);
        } catch (final NumberFormatException e) {
            throw RegistryException.invalidVersion(text);
        }
    }

    boolean isLatest() {
        return number == 0;
    }
}
