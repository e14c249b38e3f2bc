package org.jvirt.cli.pinning;

import org.jvirt.Connection;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/** The CPU-list arguments of the pin commands, checked as virsh checks them. */
final class CpuLists {
    private CpuLists() {
    }

    /** How many host CPUs pin maps span (0 when the driver does not say). */
    static int hostWidth(Connection conn) {
        return conn.hostTopology().cpuMapWidth();
    }

    /**
     * A host CPU list: {@code r} means every host CPU; numbers must be below the host's CPU map
     * width.
     */
    static CpuSet hostCpus(String text, int width) {
        if (text.equals("r")) {
            return CpuSet.firstN(width);
        }
        CpuSet set = parse(text, "cpulist");
        if (width > 0 && set.last() >= width) {
            throw CommandFailure.of("CPU " + set.last() + " in cpulist '" + text + "' exceed the maxcpu " + width);
        }
        return set;
    }

    /** A list of vCPU ids ({@code setvcpu}). */
    static CpuSet vcpus(String text) {
        return parse(text, "vcpulist");
    }

    private static CpuSet parse(String text, String what) {
        try {
            return CpuSet.parse(text, what, CpuSet.COMMAND_LIMIT);
        } catch (VirtException e) {
            throw CommandFailure.of("Invalid " + what + " '" + text + "'", e.getMessage());
        }
    }

    /** A set clipped to the host's CPUs, as virsh's printouts are. */
    static CpuSet clip(CpuSet set, int width) {
        return width > 0 ? set.below(width) : set;
    }
}
