package org.jvirt.driver.qemu.cgroup;

import java.util.List;

/**
 * What the domain group limits besides CPU: {@code maxTasks} for pids.max (0: no limit;
 * qemu.conf max_threads_per_process) and the devices allow-list ({@link DeviceAcl}; empty: no
 * device control).
 */
public record DomainLimits(long maxTasks, List<String> deviceRules) {
    public static final DomainLimits NONE = new DomainLimits(0, List.of());

    public DomainLimits {
        deviceRules = List.copyOf(deviceRules);
    }
}
