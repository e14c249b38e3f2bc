package org.jvirt.spi;

import java.util.List;
import java.util.UUID;

import org.jvirt.Affect;
import org.jvirt.IothreadInfo;
import org.jvirt.SetVcpusOptions;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.model.CpuSet;

/** vCPU counts, hotplug and pinning (docs/pinning.md#live-changes), as a driver implements them. */
public interface VcpuOps {
    void pinVcpu(UUID uuid, int vcpu, CpuSet cpus, Affect affect);

    /** The resolved set of every vCPU 0..MAX-1 (offline ones too) of the affected definition. */
    List<CpuSet> vcpuPinInfo(UUID uuid, Affect affect);

    void pinEmulator(UUID uuid, CpuSet cpus, Affect affect);

    CpuSet emulatorPinInfo(UUID uuid, Affect affect);

    void pinIothread(UUID uuid, int iothread, CpuSet cpus, Affect affect);

    List<IothreadInfo> iothreadInfo(UUID uuid, Affect affect);

    void setVcpus(UUID uuid, int count, SetVcpusOptions options);

    void setVcpu(UUID uuid, CpuSet ids, boolean enable, Affect affect);

    VcpuCount vcpuCount(UUID uuid);

    List<VcpuInfo> vcpuInfo(UUID uuid);

    org.jvirt.pinning.EffectivePinning effectivePinning(UUID uuid, Affect affect);

    /** The kernel's view of the running domain's threads. */
    List<org.jvirt.ThreadPlacement> threadPlacements(UUID uuid);
}
