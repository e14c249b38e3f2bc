package org.jvirt.driver.qemu;

import java.util.Map;
import java.util.Objects;

import org.jvirt.StateInfo;
import org.jvirt.model.DomainDef;

/**
 * The run-time status of an active domain, written to the state directory after every change
 * (domain status XML through core's StatusStore, see {@link StateFiles}) and read back by a new JVM.
 *
 * @param startTime  the process start time from /proc/PID/stat: with the pid it identifies QEMU
 * @param cgroup      the domain cgroup path ({@code /machine/qemu-NAME.jvirt-qemu})
 * @param vcpus       vCPU id -> thread id (online vCPUs)
 * @param iothreads   I/O thread id -> thread id
 * @param numadNodes  numad's node set when the domain was placed automatically, else ""
 * @param live        the live definition
 * @param state       running or paused, with its reason, as the process that wrote it knew it
 */
public record QemuStatus(String name, int id, long pid, long startTime, String monitor, String cgroup,
                         Map<Integer, Long> vcpus, Map<Integer, Long> iothreads, String numadNodes,
                         DomainDef live, StateInfo state) {
    public QemuStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(state, "state");
        vcpus = Map.copyOf(vcpus);
        iothreads = Map.copyOf(iothreads);
        numadNodes = numadNodes == null ? "" : numadNodes;
    }

    /** Whether this status is of the QEMU process {@code otherPid} started at {@code otherStartTime}. */
    public boolean names(long otherPid, long otherStartTime) {
        return pid == otherPid && startTime == otherStartTime;
    }
}
