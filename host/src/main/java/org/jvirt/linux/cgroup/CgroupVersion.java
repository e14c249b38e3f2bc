package org.jvirt.linux.cgroup;

/** The cgroup API a backend speaks. */
public enum CgroupVersion {
    V1,
    V2
}
