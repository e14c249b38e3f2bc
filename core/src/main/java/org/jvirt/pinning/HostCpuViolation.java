package org.jvirt.pinning;

import java.util.Objects;

/**
 * One V24 finding: a resolved set names a host CPU that does not exist or is offline.
 *
 * @param source which setting produced the set, as the message names it: {@code vcpupin 3},
 *               {@code vcpu cpuset}, {@code emulatorpin}, {@code iothreadpin 1}, {@code numad}
 * @param cpu    the first such host CPU of that setting
 */
public record HostCpuViolation(String source, int cpu) {
    public HostCpuViolation {
        Objects.requireNonNull(source, "source");
    }

    /** {@code %s: host CPU %d does not exist or is offline}. */
    public String message() {
        return String.format("%s: host CPU %d does not exist or is offline", source, cpu);
    }
}
