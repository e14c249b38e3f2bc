package org.jvirt.state;

import org.jvirt.host.NumadAdvice;

/** Where placement='auto' domains get numad's advice at start (docs/pinning.md#placementauto-and-numad). */
@FunctionalInterface
public interface NumadSource {
    /**
     * @param vcpus     the domain's current vCPU count
     * @param memoryMiB its memory in MiB, rounded up
     */
    NumadAdvice advise(int vcpus, long memoryMiB);
}
