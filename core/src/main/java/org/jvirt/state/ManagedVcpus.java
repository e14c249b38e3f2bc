package org.jvirt.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.BiFunction;

import org.jvirt.Affect;
import org.jvirt.IothreadInfo;
import org.jvirt.SetVcpusOptions;
import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.driver.LivePinning;
import org.jvirt.driver.ThreadView;
import org.jvirt.driver.VcpuBandwidth;
import org.jvirt.driver.VcpuHotplug;
import org.jvirt.driver.VcpuPlug;
import org.jvirt.error.ErrorCode;
import org.jvirt.event.DomainEvent;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.DefinitionKind;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.LivePlan;
import org.jvirt.pinning.PinChanges;
import org.jvirt.pinning.PinningResolver;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.pinning.VcpuCountPlanner;
import org.jvirt.pinning.VcpuTogglePlanner;
import org.jvirt.spi.VcpuOps;

/**
 * Pinning and vCPU counts for any driver: the checks, the plans and the definitions are core's,
 * the kernel work is the driver's capabilities' ({@link LivePinning}, {@link VcpuHotplug},
 * {@link VcpuBandwidth}, {@link ThreadView}); what a driver lacks is NO_SUPPORT, answered here
 * after the affected definitions were checked. A live change touches the kernel first, then the
 * live definition; CONFIG changes only the persistent one.
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

    /** The driver's live pinning, or NO_SUPPORT for {@code what} (it places domains as a whole). */
    private LivePinning<R> pinning(String what) {
        return d.capabilities().livePinning().orElseThrow(() -> d.noSupport(what));
    }

    @Override
    public void pinVcpu(UUID uuid, int vcpu, CpuSet cpus, Affect affect) {
        changePin(uuid, affect, "vcpupin", "vcpupin" + vcpu, "vcpupin " + vcpu, cpus,
                (def, kind) -> PinChanges.pinVcpu(def, kind, vcpu, cpus),
                (pinning, runtime, live) -> {
                    if (live.vcpu().isOnline(vcpu)) {
                        pinning.pinVcpu(runtime, vcpu, cpus);
                    }
                });
    }

    @Override
    public void pinEmulator(UUID uuid, CpuSet cpus, Affect affect) {
        changePin(uuid, affect, "emulatorpin", "emulatorpin", "emulatorpin", cpus,
                (def, kind) -> PinChanges.pinEmulator(def, cpus),
                (pinning, runtime, live) -> pinning.pinEmulator(runtime, cpus));
    }

    @Override
    public void pinIothread(UUID uuid, int iothread, CpuSet cpus, Affect affect) {
        changePin(uuid, affect, "iothreadpin", "iothreadpin" + iothread, "iothreadpin " + iothread, cpus,
                (def, kind) -> PinChanges.pinIothread(def, iothread, cpus),
                (pinning, runtime, live) -> pinning.pinIothread(runtime, iothread, cpus));
    }

    /** How a pin change reaches the kernel: with the driver's live pinning, on the new live definition. */
    @FunctionalInterface
    private interface LiveApply<R> {
        void apply(LivePinning<R> pinning, R runtime, DomainDef newLive);
    }

    /**
     * One pin change: both affected definitions are computed (and so checked) before anything
     * changes; LIVE applies to the kernel, then stores the live definition; CONFIG stores the
     * persistent one. Each emits its PinChanged event. Without live pinning, NO_SUPPORT for
     * {@code op} once the targets are checked.
     */
    private void changePin(UUID uuid, Affect affect, String op, String eventTarget, String what, CpuSet cpus,
                           BiFunction<DomainDef, DefinitionKind, DomainDef> change, LiveApply<R> applyLive) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, op, () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            LivePinning<R> pinning = pinning(op);
            checkPinCpus(cpus, what, t.live());
            DomainDef newLive = t.live() ? change.apply(o.live().orElseThrow(), DefinitionKind.LIVE) : null;
            DomainDef newConfig = t.config() ? change.apply(o.persistent().orElseThrow(), DefinitionKind.PERSISTENT)
                    : null;
            if (t.live()) {
                applyLive.apply(pinning, d.active(o).runtime(), newLive);
                d.commitLive(o, newLive);
                d.publish(new DomainEvent.PinChanged(o.name(), o.uuid(), eventTarget, cpus, true));
            }
            if (t.config()) {
                d.commitConfig(o, newConfig);
                d.publish(new DomainEvent.PinChanged(o.name(), o.uuid(), eventTarget, cpus, false));
            }
        });
    }

    /** The resolution of the definition a query asks for: live ones use numad's advice. */
    private EffectivePinning resolved(DomainObject<Active<R>> o, Affect affect) {
        ManagedDriver.Targets t = d.targets(o, affect);
        DomainDef def = d.queried(o, affect);
        return t.live() ? d.resolve(def, d.numadOf(o), PinningResolver.Mode.LIVE)
                : d.resolve(def, Optional.empty(), PinningResolver.Mode.CONFIG);
    }

    /** A pin query: the resolution, after the targets check; NO_SUPPORT without live pinning. */
    private EffectivePinning pinQuery(DomainObject<Active<R>> o, Affect affect, String what) {
        d.targets(o, affect);
        pinning(what);
        return resolved(o, affect);
    }

    private CpuSet clip(ResolvedSet s) {
        return s.cpus().below(d.host().cpuMapWidth());
    }

    @Override
    public List<CpuSet> vcpuPinInfo(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return d.query(o, () -> pinQuery(o, affect, "vcpupin").vcpus().stream().map(this::clip).toList());
    }

    @Override
    public CpuSet emulatorPinInfo(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return d.query(o, () -> clip(pinQuery(o, affect, "emulatorpin").emulator()));
    }

    @Override
    public List<IothreadInfo> iothreadInfo(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return d.query(o, () -> {
            List<IothreadInfo> out = new ArrayList<>();
            for (Map.Entry<Integer, ResolvedSet> e : pinQuery(o, affect, "iothreadinfo").iothreads().entrySet()) {
                out.add(new IothreadInfo(e.getKey(), clip(e.getValue())));
            }
            return out;
        });
    }

    @Override
    public EffectivePinning effectivePinning(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return d.query(o, () -> resolved(o, affect));
    }

    @Override
    public void setVcpus(UUID uuid, int count, SetVcpusOptions options) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, "setvcpus", () -> {
            if (options.guest()) {
                throw d.error(ErrorCode.NO_SUPPORT,
                        "setting vCPUs inside the guest needs a guest agent, which %s does not have",
                        d.hypervisor().type());
            }
            if (options.hotpluggable() && d.capabilities().vcpuHotplug().isEmpty()) {
                throw d.noSupport("setvcpus --hotpluggable");
            }
            ManagedDriver.Targets t = d.targets(o, options.affect());
            if (options.maximum()) {
                if (t.live()) {
                    throw d.error(ErrorCode.OPERATION_INVALID,
                            "the maximum vCPU count of a running domain cannot change; use --config");
                }
                d.commitConfig(o, VcpuCountPlanner.planMaximum(o.persistent().orElseThrow(), count));
                d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), count, false));
                return;
            }
            DomainDef newConfig = t.config()
                    ? VcpuCountPlanner.planConfig(o.persistent().orElseThrow(), count, options.hotpluggable())
                    : null;
            if (t.live()) {
                setLiveCount(o, count);
            }
            if (t.config()) {
                d.commitConfig(o, newConfig);
                d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), newConfig.vcpu().current(), false));
            }
        });
    }

    /**
     * A live count change: vCPU by vCPU with hotplug; as a CPU bandwidth where vCPUs are no
     * devices; NO_SUPPORT otherwise.
     */
    private void setLiveCount(DomainObject<Active<R>> o, int count) {
        DomainDef live = o.live().orElseThrow();
        Optional<VcpuHotplug<R>> hotplug = d.capabilities().vcpuHotplug();
        if (hotplug.isPresent()) {
            runLivePlan(o, hotplug.get(), VcpuCountPlanner.planLive(live, count, id -> hotplug.get().canUnplug(live, id)));
            return;
        }
        VcpuBandwidth<R> bandwidth = d.capabilities().vcpuBandwidth().orElseThrow(() -> d.noSupport("setvcpus --live"));
        DomainDef newLive = VcpuCountPlanner.planCount(live, count);
        Active<R> a = d.active(o);
        bandwidth.applyVcpuCount(a.runtime(), newLive,
                d.resolve(live, a.numad(), PinningResolver.Mode.LIVE).emulator());
        d.commitLive(o, newLive);
        d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), count, true));
    }

    /**
     * A plug plan goes to the driver whole (it may overlap the steps), an unplug plan one entity
     * at a time; each completed step is committed, so a failure keeps what was done. The status
     * file is written once, after the last step done (a failed step changed nothing).
     */
    private void runLivePlan(DomainObject<Active<R>> o, VcpuHotplug<R> hotplug, LivePlan plan) {
        if (plan.isEmpty()) {
            return;
        }
        Active<R> a = d.active(o);
        boolean[] changed = {false};
        try {
            if (plan.action() == LivePlan.Action.PLUG) {
                DomainDef live = o.live().orElseThrow();
                EffectivePinning whole = d.capabilities().placesThreads() ? null
                        : d.resolve(live, a.numad(), PinningResolver.Mode.LIVE);
                List<VcpuPlug> plugs = new ArrayList<>(plan.vcpus().size());
                for (int id : plan.vcpus()) {
                    ResolvedSet placement = whole != null ? whole.vcpu(id)
                            : d.resolver().resolveVcpu(live, id, d::host, a.numad(), PinningResolver.Mode.LIVE);
                    plugs.add(new VcpuPlug(id, placement, live));
                }
                hotplug.plug(a.runtime(), plugs, p -> {
                    o.setLive(plan.applyStep(o.live().orElseThrow(), p.vcpu()));
                    changed[0] = true;
                });
            } else {
                for (int id : plan.vcpus()) {
                    hotplug.unplug(a.runtime(), id);
                    o.setLive(plan.applyStep(o.live().orElseThrow(), id));
                    changed[0] = true;
                }
            }
        } catch (RuntimeException e) {
            if (changed[0]) {
                try {
                    d.saveStatus(o);
                } catch (RuntimeException saving) {
                    e.addSuppressed(saving);
                }
            }
            throw e;
        }
        d.saveStatus(o);
        d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), o.live().orElseThrow().vcpu().current(), true));
    }

    @Override
    public void setVcpu(UUID uuid, CpuSet ids, boolean enable, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, "setvcpu", () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            VcpuHotplug<R> hotplug = d.capabilities().vcpuHotplug()
                    .orElseThrow(() -> d.noSupport("setvcpu (individual vCPUs)"));
            DomainDef newConfig = t.config()
                    ? VcpuTogglePlanner.planConfig(o.persistent().orElseThrow(), ids, enable) : null;
            if (t.live()) {
                DomainDef live = o.live().orElseThrow();
                runLivePlan(o, hotplug, VcpuTogglePlanner.planLive(live, ids, enable,
                        id -> hotplug.canUnplug(live, id)));
            }
            if (t.config()) {
                d.commitConfig(o, newConfig);
                d.publish(new DomainEvent.VcpusChanged(o.name(), o.uuid(), newConfig.vcpu().current(), false));
            }
        });
    }

    private ThreadView<R> threadView(String what) {
        return d.capabilities().threadView().orElseThrow(() -> d.noSupport(what));
    }

    @Override
    public List<ThreadPlacement> threadPlacements(UUID uuid) {
        DomainObject<Active<R>> o = obj(uuid);
        ThreadView<R> view = threadView("pincheck");
        return d.query(o, () -> view.threadPlacements(d.active(o).runtime(), o.live().orElseThrow()));
    }

    @Override
    public VcpuCount vcpuCount(UUID uuid) {
        DomainObject<Active<R>> o = obj(uuid);
        return d.query(o, () -> {
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
        return d.query(o, () -> {
            ThreadView<R> view = threadView("vcpuinfo");
            if (o.isActive()) {
                return view.vcpuInfo(d.active(o).runtime(), o.live().orElseThrow());
            }
            DomainDef def = o.persistent().orElseThrow();
            EffectivePinning p = d.resolve(def, Optional.empty(), PinningResolver.Mode.CONFIG);
            List<VcpuInfo> out = new ArrayList<>();
            for (int id = 0; id < def.vcpu().max(); id++) {
                if (def.vcpu().isOnline(id)) {
                    out.add(new VcpuInfo(id, OptionalInt.empty(), Optional.empty(), 0, clip(p.vcpu(id))));
                }
            }
            return out;
        });
    }
}
