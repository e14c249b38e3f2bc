package org.jvirt.host.probe;

import java.util.Objects;

/**
 * How a command ended. {@code exitCode}, {@code stdout} and {@code stderr} are meaningful only
 * for {@link Outcome#EXITED} (outputs are truncated to a bound by the runner); {@code detail}
 * explains the other outcomes.
 */
public record CommandResult(Outcome outcome, int exitCode, String stdout, String stderr, String detail) {
    public enum Outcome {
        /** The program ran and exited (with any status). */
        EXITED,
        /** The program does not exist. */
        NOT_FOUND,
        /** The program did not finish in time and was killed. */
        TIMED_OUT,
        /** The program exists but could not be started (permissions, not executable, ...). */
        FAILED_TO_START
    }

    public CommandResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(detail, "detail");
    }

    public static CommandResult exited(int exitCode, String stdout, String stderr) {
        return new CommandResult(Outcome.EXITED, exitCode, stdout, stderr, "");
    }

    public static CommandResult notFound(String detail) {
        return new CommandResult(Outcome.NOT_FOUND, -1, "", "", detail);
    }

    public static CommandResult timedOut(String detail) {
        return new CommandResult(Outcome.TIMED_OUT, -1, "", "", detail);
    }

    public static CommandResult failedToStart(String detail) {
        return new CommandResult(Outcome.FAILED_TO_START, -1, "", "", detail);
    }
}
