package io.camelot.pool.manager;

import java.util.List;

/**
 * Writes the options of a launch spec: an option whose value is its command's default is left out.
 */
final class LaunchArgs {
    private LaunchArgs() {}

    /** {@code option value}, unless the value is null or empty. */
    static void add(List<String> args, String option, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            args.add(option);
            args.add(value.toString());
        }
    }

    /** {@code option value}, unless the value is the command's default. */
    static void add(List<String> args, String option, long value, long defaultValue) {
        if (value != defaultValue) {
            args.add(option);
            args.add(Long.toString(value));
        }
    }

    /** {@code option value}, unless the value is the command's default. */
    static void add(List<String> args, String option, String value, String defaultValue) {
        if (!value.equals(defaultValue)) {
            args.add(option);
            args.add(value);
        }
    }

    /** The flag, if set. */
    static void flag(List<String> args, String option, boolean set) {
        if (set) {
            args.add(option);
        }
    }
}
