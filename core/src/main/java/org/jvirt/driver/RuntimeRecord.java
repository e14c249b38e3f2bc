package org.jvirt.driver;

import java.util.Map;

/**
 * What a status file records of a running domain's process ({@link Hypervisor#record}).
 *
 * @param pid        the domain's main process (QEMU; the container's init, host pid)
 * @param startTime  that process's start time (/proc/PID/stat field 22), to tell a reused pid
 * @param attributes the driver's own facts (monitor socket, thread ids, cgroup, ...)
 */
public record RuntimeRecord(long pid, long startTime, Map<String, String> attributes) {
    /** A simulated domain: no host process. */
    public static final RuntimeRecord NONE = new RuntimeRecord(0, 0, Map.of());

    public RuntimeRecord {
        attributes = Map.copyOf(attributes);
    }
}
