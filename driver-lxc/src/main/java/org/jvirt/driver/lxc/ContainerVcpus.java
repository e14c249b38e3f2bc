package org.jvirt.driver.lxc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;

import org.jvirt.Affect;
import org.jvirt.IothreadInfo;
import org.jvirt.SetVcpusOptions;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.error.ErrorCode;
import org.jvirt.event.DomainEvent;
import org.jvirt.host.NumadAdvice;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Placement;
import org.jvirt.model.Vcpu;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.pinning.VcpuCountPlanner;
import org.jvirt.state.Active;
import org.jvirt.state.DomainObject;
import org.jvirt.state.ManagedDriver;
import org.jvirt.spi.VcpuOps;

/**
 * vCPUs of containers (LXC.md B1): counts work (a live change rewrites the CPU bandwidth and
 * nothing else), pinning is NO_SUPPORT (the pins stay in the XML, never applied), as libvirt's
 * LXC driver answers. Affect is checked first, so a misuse gets the same error as on a VM.
 */
final class ContainerVcpus implements VcpuOps {
    private final ManagedDriver<ContainerRuntime> d;
    private final LxcHypervisor hv;

    ContainerVcpus(ManagedDriver<ContainerRuntime> driver, LxcHypervisor hypervisor) {
        this.d = driver;
        this.hv = hypervisor;
    }

    private DomainObject<Active<ContainerRuntime>> obj(UUID uuid) {
        return d.domains().require(uuid);
    }

    private org.jvirt.error.VirtException noPinning(String what) {
        return d.error(ErrorCode.NO_SUPPORT, "this function is not supported by the connection driver: %s "
                + "(a container has no vCPU threads; its CPUs come from <vcpu cpuset>)", what);
    }

    private <T> T refusePin(UUID uuid, Affect affect, String what) {
        DomainObject<Active<ContainerRuntime>> o = obj(uuid);
        return o.job(() -> {
            d.targets(o, affect);
            throw noPinning(what);
        });
    }

    @Override
    public void pinVcpu(UUID uuid, int vcpu, CpuSet cpus, Affect affect) {
        refusePin(uuid, affect, "vcpupin");
    }

    @Override
    public List<CpuSet> vcpuPinInfo(UUID uuid, Affect affect) {
        return refusePin(uuid, affect, "vcpupin");
    }

    @Override
    public void pinEmulator(UUID uuid, CpuSet cpus, Affect affect) {
        refusePin(uuid, affect, "emulatorpin");
    }

    @Override
    public CpuSet emulatorPinInfo(UUID uuid, Affect affect) {
        return refusePin(uuid, affect, "emulatorpin");
    }

    @Override
    public void pinIothread(UUID uuid, int iothread, CpuSet cpus, Affect affect) {
        refusePin(uuid, affect, "iothreadpin");
    }

    @Override
    public List<IothreadInfo> iothreadInfo(UUID uuid, Affect affect) {
        return refusePin(uuid, affect, "iothreadinfo");
    }

    @Override
    public void setVcpu(UUID uuid, CpuSet ids, boolean enable, Affect affect) {
        refusePin(uuid, affect, "setvcpu (individual vCPUs)");
    }

    @Override
    public List<org.jvirt.ThreadPlacement> threadPlacements(UUID uuid) {
        throw noPinning("pincheck");
    }

    @Override
    public List<VcpuInfo> vcpuInfo(UUID uuid) {
        DomainObject<Active<ContainerRuntime>> o = obj(uuid);
        return o.job(() -> {
            throw noPinning("vcpuinfo");
        });
    }

    /** Every vCPU and the "emulator" (all container processes) run on the allowed CPUs E. */
    @Override
    public EffectivePinning effectivePinning(UUID uuid, Affect affect) {
        DomainObject<Active<ContainerRuntime>> o = obj(uuid);
        return o.job(() -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            DomainDef def = d.queried(o, affect);
            Optional<NumadAdvice> numad = t.live() ? d.numadOf(o) : Optional.empty();
            ResolvedSet.Reason why = def.vcpu().placement() == Placement.AUTO && numad.isPresent()
                    ? ResolvedSet.Reason.NUMAD
                    : def.vcpu().cpuset().isPresent() ? ResolvedSet.Reason.VCPU_CPUSET : ResolvedSet.Reason.ALL_HOST_CPUS;
            CpuSet cpus = why == ResolvedSet.Reason.NUMAD ? ContainerCpu.allowedCpus(def, d.host(), numad)
                    : def.vcpu().cpuset().orElse(d.host().online());
            ResolvedSet set = new ResolvedSet(cpus, why);
            List<ResolvedSet> vcpus = new ArrayList<>();
            for (int i = 0; i < def.vcpu().max(); i++) {
                vcpus.add(set);
            }
            return new EffectivePinning(vcpus, set, new TreeMap<>());
        });
    }

    @Override
    public void setVcpus(UUID uuid, int count, SetVcpusOptions options) {
        DomainObject<Active<ContainerRuntime>> o = obj(uuid);
        o.jobRun(() -> {
            if (options.guest() || options.hotpluggable()) {
                throw d.error(ErrorCode.NO_SUPPORT, "this function is not supported by the connection driver: "
                        + "setvcpus --%s (containers have no vCPU devices or guest agent)",
                        options.guest() ? "guest" : "hotpluggable");
            }
            ManagedDriver.Targets t = d.targets(o, options.affect());
            if (options.maximum()) {
                if (t.live()) {
                    throw d.error(ErrorCode.OPERATION_INVALID,
                            "the maximum vCPU count of a running domain cannot change; use --config");
                }
                commitConfig(o, VcpuCountPlanner.planMaximum(o.persistent().orElseThrow(), count));
                d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), count, false));
                return;
            }
            DomainDef newConfig = t.config()
                    ? VcpuCountPlanner.planConfig(o.persistent().orElseThrow(), count, false) : null;
            if (t.live()) {
                Active<ContainerRuntime> a = d.active(o);
                DomainDef live = o.live().orElseThrow();
                DomainDef newLive = withCurrent(live, count);
                ContainerCpu.checkBound(count, ContainerCpu.allowedCpus(live, d.host(), a.numad()));
                hv.applyVcpuCount(a.runtime(), count);
                o.setLive(newLive);
                hv.saveStatus(o.name(), newLive, a.runtime());
                d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), count, true));
            }
            if (t.config()) {
                commitConfig(o, newConfig);
                d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), newConfig.vcpu().current(), false));
            }
        });
    }

    /** {@code live} with {@code count} vCPUs online (the first ones); 1..MAX else INVALID_ARG. */
    private DomainDef withCurrent(DomainDef live, int count) {
        Vcpu v = live.vcpu();
        if (count < 1) {
            throw d.error(ErrorCode.INVALID_ARG, "requested %d vCPUs: a container needs at least 1", count);
        }
        if (count > v.max()) {
            throw d.error(ErrorCode.INVALID_ARG, "requested %d vCPUs but the live maximum is %d", count, v.max());
        }
        return live.withVcpu(v.withEntries(Vcpu.defaultEntries(v.max(), count)));
    }

    private void commitConfig(DomainObject<Active<ContainerRuntime>> o, DomainDef config) {
        hv.saveConfig(config);
        o.setPersistent(config);
    }

    @Override
    public VcpuCount vcpuCount(UUID uuid) {
        DomainObject<Active<ContainerRuntime>> o = obj(uuid);
        return o.job(() -> new VcpuCount(
                o.persistent().map(p -> OptionalInt.of(p.vcpu().max())).orElse(OptionalInt.empty()),
                o.live().map(l -> OptionalInt.of(l.vcpu().max())).orElse(OptionalInt.empty()),
                o.persistent().map(p -> OptionalInt.of(p.vcpu().current())).orElse(OptionalInt.empty()),
                o.live().map(l -> OptionalInt.of(l.vcpu().current())).orElse(OptionalInt.empty())));
    }
}
