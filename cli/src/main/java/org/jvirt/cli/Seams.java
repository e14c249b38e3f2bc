package org.jvirt.cli;

import java.time.Clock;
import java.util.Objects;

import org.jvirt.cli.pinning.ThreadProbe;

/**
 * What the shell reads of the world besides its connection, replaceable in tests: the kernel's
 * view of a domain's threads ({@code pincheck}) and the clock of {@code event --timestamp}.
 */
public record Seams(ThreadProbe threads, Clock clock) {
    public Seams {
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(clock, "clock");
    }

    /** The driver's thread view and the system clock in the host's time zone. */
    public static Seams system() {
        return new Seams(ThreadProbe.driver(), new HostClock());
    }
}
