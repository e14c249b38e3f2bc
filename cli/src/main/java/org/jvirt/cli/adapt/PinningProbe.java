package org.jvirt.cli.adapt;

import java.util.List;

import org.jvirt.Domain;

/**
 * The kernel's view of a running domain's threads: what {@code pincheck} compares with the
 * intended pinning. In production it is the driver's ({@link org.jvirt.Domain#threadPlacements});
 * tests give their own.
 */
public interface PinningProbe {
    /**
     * Every thread of the domain that has a pin target (each vCPU thread, each emulator thread,
     * each I/O thread); several threads may share the emulator target.
     */
    List<ThreadObservation> observe(Domain domain);
}
