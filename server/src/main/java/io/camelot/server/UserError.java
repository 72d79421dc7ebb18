package io.camelot.server;

/**
 * A mistake the user can fix, reported by the CLI as one line without a stack trace. An {@link
 * IllegalArgumentException} so that callers of {@link CamelotConfig#load} that catch those keep
 * working.
 */
public final class UserError extends IllegalArgumentException {
    /** Exit status for a wrong option, argument or configuration. */
    public static final int USAGE = 2;

    /** Exit status for a failure of the environment: a busy port, an unusable directory. */
    public static final int RUNTIME = 1;

    private final int exitCode;

    private UserError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static UserError usage(String message) {
        return new UserError(message, USAGE, null);
    }

    public static UserError usage(String message, Throwable cause) {
        return new UserError(message, USAGE, cause);
    }

    public static UserError runtime(String message) {
        return new UserError(message, RUNTIME, null);
    }

    public static UserError runtime(String message, Throwable cause) {
        return new UserError(message, RUNTIME, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
