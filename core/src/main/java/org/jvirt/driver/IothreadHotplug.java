package org.jvirt.driver;

import org.jvirt.model.DomainDef;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.tuning.IothreadParameters;

/**
 * The capability to add, remove and tune I/O threads of a running domain. Core checks the ids
 * and updates the live definition after each call returns.
 */
public interface IothreadHotplug<R> {
    /**
     * Creates I/O thread {@code id} and places it (its cgroup, bandwidth and affinity) as
     * {@code placement} says before returning; on failure nothing of it is left.
     *
     * @param live the live definition before the change (its cputune: the thread's bandwidth)
     */
    void add(R runtime, int id, ResolvedSet placement, DomainDef live);

    /** Removes I/O thread {@code id} and its cgroup. */
    void delete(R runtime, int id);

    /** Changes what {@code parameters} gives of I/O thread {@code id}. */
    void set(R runtime, int id, IothreadParameters parameters);
}
