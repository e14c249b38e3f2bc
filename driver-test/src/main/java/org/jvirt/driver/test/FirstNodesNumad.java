package org.jvirt.driver.test;

import org.jvirt.host.HostCell;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NumadAdvice;
import org.jvirt.model.CpuSet;
import org.jvirt.state.NumadSource;

/**
 * The test driver's numad: it always advises the first NUMA cell of the simulated host, so
 * placement='auto' domains resolve deterministically.
 */
final class FirstNodesNumad implements NumadSource {
    private final HostTopology host;

    FirstNodesNumad(HostTopology host) {
        this.host = host;
    }

    @Override
    public NumadAdvice advise(int vcpus, long memoryMiB) {
        int first = host.cells().stream().mapToInt(HostCell::id).min().orElse(0);
        return new NumadAdvice(CpuSet.of(first));
    }
}
