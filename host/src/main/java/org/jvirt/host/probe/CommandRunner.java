package org.jvirt.host.probe;

import java.time.Duration;
import java.util.List;

/**
 * Runs an external program: the seam between jvirt and processes such as {@code numad}.
 * {@link ProcessCommandRunner} is the real one; tests pass a fake.
 *
 * <p>Implementations run {@code argv} directly (never through a shell), wait at most
 * {@code timeout}, and report every outcome, including "not found" and "timed out", as a
 * {@link CommandResult} rather than an exception.
 */
@FunctionalInterface
public interface CommandRunner {
    CommandResult run(List<String> argv, Duration timeout);
}
