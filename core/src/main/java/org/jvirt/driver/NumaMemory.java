package org.jvirt.driver;

import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;

/**
 * The capability to move a running domain's memory to other host NUMA nodes: every cgroup of
 * the domain gets the new {@code cpuset.mems} (with memory migration where the kernel offers
 * it). Core has checked the nodes (they exist, the mode allows it) and updates the live
 * definition afterwards; a failure must leave every group as it was.
 */
public interface NumaMemory<R> {
    void applyNodeset(R runtime, DomainDef live, CpuSet nodeset);
}
