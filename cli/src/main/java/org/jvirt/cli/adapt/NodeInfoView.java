package org.jvirt.cli.adapt;

/**
 * What {@code nodeinfo} prints, in the shell's own type so the command does not depend on
 * the shape of {@link org.jvirt.host.NodeInfo}.
 *
 * @param sockets sockets per NUMA cell, as virsh reports them
 */
public record NodeInfoView(String cpuModel, int cpus, int mhz, int cells, int sockets, int cores, int threads,
                           long memoryKiB) {
}
