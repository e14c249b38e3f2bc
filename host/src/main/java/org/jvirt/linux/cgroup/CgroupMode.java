package org.jvirt.linux.cgroup;

/**
 * How a host mounts cgroups. {@code HYBRID}: v1 controllers plus a cgroup2 tree (systemd's
 * {@code /sys/fs/cgroup/unified}); jvirt then uses the v1 hierarchies only.
 */
public enum CgroupMode {
    V1,
    V2,
    HYBRID;

    /** The backend jvirt uses on such a host. */
    public CgroupVersion backendVersion() {
        return this == V2 ? CgroupVersion.V2 : CgroupVersion.V1;
    }
}
