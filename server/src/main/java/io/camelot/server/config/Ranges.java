package io.camelot.server.config;

/** Range checks of numeric settings, each failure naming "[section] key" as load reports it. */
final class Ranges {
    private Ranges() {}

    static void atLeast(String section, String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("[" + section + "] " + key + ": must be >= " + min + ", not " + value);
        }
    }

    static void within(String section, String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "[" + section + "] " + key + ": must be in " + min + ".." + max + ", not " + value);
        }
    }

    static void port(String section, long value) {
        within(section, "port", value, 0, 65535);
    }
}
