package org.jvirt.driver.lxc.linux;

import java.nio.file.Path;
import java.util.List;

/**
 * Device rules of a cgroup v2 group, which has no devices controller: a {@link DeviceFilter}
 * program attached to the group's directory. The seam between the container driver and bpf(2)
 * ({@link JnaCgroupDevicePrograms} is the real one).
 */
public interface CgroupDevicePrograms {
    /**
     * Loads the program allowing exactly {@code allowRules} and attaches it to the cgroup v2
     * directory {@code group} (with BPF_F_ALLOW_MULTI, so programs of its ancestors still apply: a
     * device must pass them all). The attachment lives as long as the group.
     */
    void attach(Path group, List<String> allowRules);
}
