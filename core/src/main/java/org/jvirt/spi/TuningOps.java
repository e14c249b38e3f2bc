package org.jvirt.spi;

import java.util.UUID;

import org.jvirt.Affect;
import org.jvirt.Autostart;
import org.jvirt.tuning.IothreadParameters;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.NumaParameters;
import org.jvirt.tuning.SchedulerParameters;

/**
 * Run-time tuning of a domain, as a driver implements it: scheduler parameters, NUMA memory
 * placement, I/O threads, autostart. Every change takes an {@link Affect} as the pin calls do.
 */
public interface TuningOps {
    /** libvirt's scheduler name: {@code posix} for the cgroup CFS parameters. */
    String schedulerType(UUID uuid);

    SchedulerParameters schedulerParameters(UUID uuid, Affect affect);

    void setSchedulerParameters(UUID uuid, SchedulerParameters change, Affect affect);

    NumaParameters numaParameters(UUID uuid, Affect affect);

    void setNumaParameters(UUID uuid, NumaChange change, Affect affect);

    void addIothread(UUID uuid, int id, Affect affect);

    void deleteIothread(UUID uuid, int id, Affect affect);

    void setIothreadParameters(UUID uuid, int id, IothreadParameters parameters, Affect affect);

    Autostart autostart(UUID uuid);

    void setAutostart(UUID uuid, Autostart autostart);
}
