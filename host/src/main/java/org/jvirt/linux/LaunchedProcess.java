package org.jvirt.linux;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** A process started by a {@link ProcessLauncher}. */
public interface LaunchedProcess {
    long pid();

    boolean isAlive();

    /** Waits for the exit; returns the exit status (128 + N when killed by signal N, as a shell reports). */
    int waitFor();

    /** Waits at most {@code timeout}; empty if still running. */
    OptionalInt waitFor(Duration timeout);

    /** Completes with the exit status when the process ends. */
    CompletableFuture<Integer> onExit();

    /** Kills the process at once (SIGKILL); does not wait. */
    void kill();
}
