package org.jvirt.driver;

import java.util.List;

import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuInfo;
import org.jvirt.model.DomainDef;

/** The capability to say what the kernel does with a running domain's threads (vcpuinfo, pincheck). */
public interface ThreadView<R> {
    /** Every thread of the running domain as the kernel enforces it (see {@link ThreadPlacement}). */
    List<ThreadPlacement> threadPlacements(R runtime, DomainDef live);

    /** What the kernel says of every online vCPU of {@code live}. */
    List<VcpuInfo> vcpuInfo(R runtime, DomainDef live);
}
