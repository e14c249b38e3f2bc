package org.jvirt.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.jvirt.Affect;
import org.jvirt.IothreadInfo;
import org.jvirt.SetVcpusOptions;
import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.error.ErrorCode;
import org.jvirt.event.DomainEvent;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.PinChanges;
import org.jvirt.pinning.PinningResolver;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.pinning.DefinitionKind;
import org.jvirt.pinning.LivePlan;
import org.jvirt.pinning.VcpuCountPlanner;
import org.jvirt.pinning.VcpuTogglePlanner;
import org.jvirt.spi.VcpuOps;

/**
 * Pinning and vCPU counts for any driver (PINNING.md 6): the checks and the definitions are
 * core's, the kernel work is the {@link Hypervisor}'s. A live change touches the kernel first,
 * then the live definition; CONFIG changes only the persistent one.
 */
public final class ManagedVcpus<R> implements VcpuOps {
    private final ManagedDriver<R> d;

    public ManagedVcpus(ManagedDriver<R> driver) {
        this.d = driver;
    }

    private DomainObject<Active<R>> obj(UUID uuid) {
        return d.domains().require(uuid);
    }

    /**
     * A live pin must name online host CPUs only (HOST_CPU, as at start: V24); a config-only pin
     * must stay inside the host's CPU map (INVALID_ARG).
     */
    private void checkPinCpus(CpuSet cpus, String what, boolean live) {
        if (live) {
            d.validator().checkHostCpus(what, cpus, d.host());
        }
        int width = d.host().cpuMapWidth();
        if (!cpus.isEmpty() && cpus.last() >= width) {
            throw d.error(ErrorCode.INVALID_ARG, "%s: CPU %d is beyond the host's %d CPUs (0-%d)", what,
                    cpus.last(), width, width - 1);
        }
    }

    @Override
    public void pinVcpu(UUID uuid, int vcpu, CpuSet cpus, Affect affect) {
        changePin(uuid, affect, "vcpupin" + vcpu, "vcpupin " + vcpu, cpus,
                (def, kind) -> PinChanges.pinVcpu(def, kind, vcpu, cpus),
                (runtime, live) -> {
                    if (live.vcpu().isOnline(vcpu)) {
                        d.hypervisor().applyVcpuPin(runtime, vcpu, cpus);
                    }
                });
    }

    @Override
    public void pinEmulator(UUID uuid, CpuSet cpus, Affect affect) {
        changePin(uuid, affect, "emulatorpin", "emulatorpin", cpus, (def, kind) -> PinChanges.pinEmulator(def, cpus),
                (runtime, live) -> d.hypervisor().applyEmulatorPin(runtime, cpus));
    }

    @Override
    public void pinIothread(UUID uuid, int iothread, CpuSet cpus, Affect affect) {
        changePin(uuid, affect, "iothreadpin" + iothread, "iothreadpin " + iothread, cpus,
                (def, kind) -> PinChanges.pinIothread(def, iothread, cpus),
                (runtime, live) -> d.hypervisor().applyIothreadPin(runtime, iothread, cpus));
    }

    /**
     * One pin change (PINNING.md 6.1): both affected definitions are computed (and so checked)
     * before anything changes; LIVE applies to the kernel, then stores the live definition;
     * CONFIG stores the persistent one. Each emits its PinChanged event.
     */
    private void changePin(UUID uuid, Affect affect, String eventTarget, String what, CpuSet cpus,
                           BiFunction<DomainDef, DefinitionKind, DomainDef> change, BiConsumer<R, DomainDef> applyLive) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            checkPinCpus(cpus, what, t.live());
            DomainDef newLive = t.live() ? change.apply(o.live().orElseThrow(), DefinitionKind.LIVE) : null;
            DomainDef newConfig = t.config() ? change.apply(o.persistent().orElseThrow(), DefinitionKind.PERSISTENT)
                    : null;
            if (t.live()) {
                Active<R> a = d.active(o);
                applyLive.accept(a.runtime(), newLive);
                commitLive(o, a, newLive);
                d.publish(new DomainEvent.PinChanged(o.name(), o.uuid(), eventTarget, cpus, true));
            }
            if (t.config()) {
                commitConfig(o, newConfig);
                d.publish(new DomainEvent.PinChanged(o.name(), o.uuid(), eventTarget, cpus, false));
            }
        });
    }

    private void commitLive(DomainObject<Active<R>> o, Active<R> a, DomainDef live) {
        o.setLive(live);
        d.hypervisor().saveStatus(o.name(), live, a.runtime());
    }

    private void commitConfig(DomainObject<Active<R>> o, DomainDef config) {
        d.hypervisor().saveConfig(config);
        o.setPersistent(config);
    }

    /** The resolution of the definition a query asks for: live ones use numad's advice. */
    private EffectivePinning resolved(DomainObject<Active<R>> o, Affect affect) {
        ManagedDriver.Targets t = d.targets(o, affect);
        DomainDef def = d.queried(o, affect);
        return t.live()
                ? d.resolver().resolve(def, d.host(), d.numadOf(o), PinningResolver.Mode.LIVE)
                : d.resolver().resolve(def, d.host(), java.util.Optional.empty(), PinningResolver.Mode.CONFIG);
    }

    private CpuSet clip(ResolvedSet s) {
        return s.cpus().below(d.host().cpuMapWidth());
    }

    @Override
    public List<CpuSet> vcpuPinInfo(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> resolved(o, affect).vcpus().stream().map(this::clip).toList());
    }

    @Override
    public CpuSet emulatorPinInfo(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> clip(resolved(o, affect).emulator()));
    }

    @Override
    public List<IothreadInfo> iothreadInfo(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> {
            List<IothreadInfo> out = new ArrayList<>();
            for (Map.Entry<Integer, ResolvedSet> e : resolved(o, affect).iothreads().entrySet()) {
                out.add(new IothreadInfo(e.getKey(), clip(e.getValue())));
            }
            return out;
        });
    }

    @Override
    public EffectivePinning effectivePinning(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> resolved(o, affect));
    }

    @Override
    public void setVcpus(UUID uuid, int count, SetVcpusOptions options) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, () -> {
            if (options.guest()) {
                throw d.error(ErrorCode.NO_SUPPORT,
                        "setting vCPUs inside the guest needs a guest agent, which %s does not have",
                        d.hypervisor().type());
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
                    ? VcpuCountPlanner.planConfig(o.persistent().orElseThrow(), count, options.hotpluggable())
                    : null;
            if (t.live()) {
                DomainDef live = o.live().orElseThrow();
                LivePlan plan = VcpuCountPlanner.planLive(live, count, id -> d.hypervisor().canUnplug(live, id));
                runLivePlan(o, plan);
            }
            if (t.config()) {
                commitConfig(o, newConfig);
                d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), newConfig.vcpu().current(), false));
            }
        });
    }

    /**
     * One entity at a time; each completed step is committed, so a failure keeps what was done.
     * The status file is written once, after the last step done (a failed step changed nothing).
     */
    private void runLivePlan(DomainObject<Active<R>> o, LivePlan plan) {
        if (plan.isEmpty()) {
            return;
        }
        Active<R> a = d.active(o);
        boolean changed = false;
        try {
            for (int id : plan.vcpus()) {
                DomainDef live = o.live().orElseThrow();
                if (plan.action() == LivePlan.Action.PLUG) {
                    CpuSet pin = d.resolver().resolveVcpu(live, id, d.host(), a.numad(), PinningResolver.Mode.LIVE)
                            .cpus();
                    d.hypervisor().plugVcpu(a.runtime(), id, pin);
                } else {
                    d.hypervisor().unplugVcpu(a.runtime(), id);
                }
                o.setLive(plan.applyStep(live, id));
                changed = true;
            }
        } catch (RuntimeException e) {
            if (changed) {
                try {
                    commitLive(o, a, o.live().orElseThrow());
                } catch (RuntimeException saving) {
                    e.addSuppressed(saving);
                }
            }
            throw e;
        }
        commitLive(o, a, o.live().orElseThrow());
        d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), o.live().orElseThrow().vcpu().current(), true));
    }

    @Override
    public void setVcpu(UUID uuid, CpuSet ids, boolean enable, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            DomainDef newConfig = t.config()
                    ? VcpuTogglePlanner.planConfig(o.persistent().orElseThrow(), ids, enable) : null;
            if (t.live()) {
                DomainDef live = o.live().orElseThrow();
                runLivePlan(o, VcpuTogglePlanner.planLive(live, ids, enable,
                        id -> d.hypervisor().canUnplug(live, id)));
            }
            if (t.config()) {
                commitConfig(o, newConfig);
                d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), newConfig.vcpu().current(), false));
            }
        });
    }

    @Override
    public List<ThreadPlacement> threadPlacements(UUID uuid) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> d.hypervisor().threadPlacements(d.active(o).runtime(), o.live().orElseThrow()));
    }

    @Override
    public VcpuCount vcpuCount(UUID uuid) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> {
            OptionalInt maxConfig = o.persistent().map(p -> OptionalInt.of(p.vcpu().max())).orElse(OptionalInt.empty());
            OptionalInt curConfig = o.persistent().map(p -> OptionalInt.of(p.vcpu().current()))
                    .orElse(OptionalInt.empty());
            OptionalInt maxLive = o.live().map(l -> OptionalInt.of(l.vcpu().max())).orElse(OptionalInt.empty());
            OptionalInt curLive = o.live().map(l -> OptionalInt.of(l.vcpu().current())).orElse(OptionalInt.empty());
            return new VcpuCount(maxConfig, maxLive, curConfig, curLive);
        });
    }

    @Override
    public List<VcpuInfo> vcpuInfo(UUID uuid) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> {
            if (o.isActive()) {
                return d.hypervisor().vcpuInfo(d.active(o).runtime(), o.live().orElseThrow());
            }
            DomainDef def = o.persistent().orElseThrow();
            EffectivePinning p = d.resolver().resolve(def, d.host(), java.util.Optional.empty(),
                    PinningResolver.Mode.CONFIG);
            List<VcpuInfo> out = new ArrayList<>();
            for (int id = 0; id < def.vcpu().max(); id++) {
                if (def.vcpu().isOnline(id)) {
                    out.add(new VcpuInfo(id, OptionalInt.empty(), java.util.Optional.empty(), 0,
                            clip(p.vcpu(id))));
                }
            }
            return out;
        });
    }
}
