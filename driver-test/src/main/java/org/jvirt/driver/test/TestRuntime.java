package org.jvirt.driver.test;

import java.util.Map;
import java.util.TreeMap;

import org.jvirt.model.CpuSet;

/**
 * The simulated kernel state of one running domain: the affinity of every thread. Mutated only
 * inside the domain's job.
 */
final class TestRuntime {
    final Map<Integer, CpuSet> vcpuAffinity = new TreeMap<>();
    final Map<Integer, CpuSet> iothreadAffinity = new TreeMap<>();
    CpuSet emulatorAffinity = CpuSet.EMPTY;
    final Map<Integer, org.jvirt.tuning.IothreadParameters> iothreadParameters = new TreeMap<>();
    CpuSet memoryNodes = CpuSet.EMPTY;
    boolean paused;
    boolean running = true;
}
