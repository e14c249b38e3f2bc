package org.jvirt.driver;

import java.util.Set;

import org.jvirt.model.DomainDef;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;

/**
 * The capability to change a running domain's CPU scheduler parameters (shares, CFS periods and
 * quotas) and to read them back from the kernel. Core has checked the values (ranges, and 0:
 * no change live) and updates the live definition afterwards; a failure must leave the kernel's
 * values as they were.
 */
public interface CpuScheduling<R> {
    /** The parameters this driver has ({@code schedinfo} lists them; others are refused). */
    Set<SchedulerParameter> parameters();

    /** What the kernel applies now, every parameter of {@link #parameters()}. */
    SchedulerParameters read(R runtime, DomainDef live);

    /**
     * Applies {@code change} (quotas negative as -1, no zero values) to the running domain;
     * {@code newLive} is the live definition with the change made.
     */
    void apply(R runtime, DomainDef newLive, SchedulerParameters change);
}
