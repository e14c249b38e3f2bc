package org.jvirt.cli.adapt;

import java.util.List;

import org.jvirt.Domain;

/**
 * The kernel's view of a running domain's threads: what {@code pincheck} compares with the
 * intended pinning. The qemu and lxc drivers implement it (thread affinity through
 * {@code sched_getaffinity}, cgroup {@code cpuset.cpus.effective}); the test driver has no
 * kernel and offers none. Candidate for core's SPI (see the jvirsh report).
 */
public interface PinningProbe {
    /**
     * Every thread of the domain that has a pin target (each vCPU thread, each emulator thread,
     * each I/O thread); several threads may share the emulator target.
     */
    List<ThreadObservation> observe(Domain domain);
}
