package org.jvirt.model;

/**
 * One {@code <vcpus><vcpu id enabled hotpluggable order/>} entry.
 *
 * @param order the sequence in which the vCPU came online; 0 = unset
 */
public record VcpuEntry(int id, boolean enabled, boolean hotpluggable, int order) {
    public VcpuEntry {
        if (id < 0 || order < 0) {
            throw new IllegalArgumentException("vCPU id and order must be non-negative");
        }
    }

    /** The default state of vCPU {@code id}: online ones are not hotpluggable, offline ones are. */
    public static VcpuEntry defaultFor(int id, boolean enabled) {
        return new VcpuEntry(id, enabled, !enabled, 0);
    }

    public VcpuEntry withEnabled(boolean value) {
        return new VcpuEntry(id, value, hotpluggable, order);
    }

    public VcpuEntry withHotpluggable(boolean value) {
        return new VcpuEntry(id, enabled, value, order);
    }

    public VcpuEntry withOrder(int value) {
        return new VcpuEntry(id, enabled, hotpluggable, value);
    }

    /**
     * Component by component, as the record's own: a record's generated {@code equals} is linked at
     * its first call by a bootstrap method whose method handles no start-up cache keeps (a one-shot
     * {@code dumpxml} of a container compares its vCPU entries with the default ones; VcpuEntryTest).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof VcpuEntry e && e.id == id && e.enabled == enabled && e.hotpluggable == hotpluggable
                && e.order == order;
    }

    @Override
    public int hashCode() {
        return ((id * 31 + Boolean.hashCode(enabled)) * 31 + Boolean.hashCode(hotpluggable)) * 31 + order;
    }
}
