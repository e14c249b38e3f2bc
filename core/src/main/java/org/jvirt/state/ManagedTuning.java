package org.jvirt.state;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jvirt.Affect;
import org.jvirt.Autostart;
import org.jvirt.driver.CpuScheduling;
import org.jvirt.driver.IothreadHotplug;
import org.jvirt.driver.NumaMemory;
import org.jvirt.driver.Tuning;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NumaTune;
import org.jvirt.pinning.PinningResolver;
import org.jvirt.pinning.ResolvedSet;
import org.jvirt.spi.TuningOps;
import org.jvirt.tuning.IothreadParameters;
import org.jvirt.tuning.IothreadRules;
import org.jvirt.tuning.NumaChange;
import org.jvirt.tuning.NumaParameters;
import org.jvirt.tuning.NumaRules;
import org.jvirt.tuning.SchedulerParameter;
import org.jvirt.tuning.SchedulerParameters;
import org.jvirt.tuning.SchedulerRules;

/**
 * Scheduler parameters, NUMA memory placement, I/O threads and autostart for any driver built on
 * {@link ManagedDriver}: the checks and the definitions are core's, the kernel work is the
 * driver's {@link Tuning} parts. As with pins: both affected definitions are computed (and so
 * checked) before anything changes; LIVE changes the kernel first, then the live definition;
 * CONFIG stores the persistent one.
 */
public final class ManagedTuning<R> implements TuningOps {
    private final ManagedDriver<R> d;
    private final Tuning<R> tuning;

    public ManagedTuning(ManagedDriver<R> driver) {
        this.d = driver;
        this.tuning = driver.hypervisor().tuning();
    }

    private DomainObject<Active<R>> obj(UUID uuid) {
        return d.domains().require(uuid);
    }

    private Set<SchedulerParameter> schedulerParameters() {
        return tuning.scheduling().map(CpuScheduling::parameters)
                .orElseGet(() -> EnumSet.allOf(SchedulerParameter.class));
    }

    @Override
    public String schedulerType(UUID uuid) {
        obj(uuid);
        return "posix";
    }

    @Override
    public SchedulerParameters schedulerParameters(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            DomainDef def = d.queried(o, affect);
            if (!t.live()) {
                return SchedulerRules.ofDefinition(def.cputune(), schedulerParameters());
            }
            CpuScheduling<R> s = tuning.scheduling().orElseThrow(() -> d.noSupport("schedinfo --live"));
            return s.read(d.active(o).runtime(), def);
        });
    }

    @Override
    public void setSchedulerParameters(UUID uuid, SchedulerParameters change, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, "schedinfo", () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            if (change.isEmpty()) {
                throw d.error(ErrorCode.INVALID_ARG, "no scheduler parameter to set");
            }
            SchedulerRules.check(change, schedulerParameters(), t.live());
            DomainDef newConfig = null;
            if (t.config()) {
                DomainDef p = o.persistent().orElseThrow();
                newConfig = p.withCputune(SchedulerRules.apply(p.cputune(), change));
                d.validator().validate(newConfig, d.hypervisor().validationContext(newConfig));
            }
            if (t.live()) {
                CpuScheduling<R> s = tuning.scheduling().orElseThrow(() -> d.noSupport("schedinfo --live --set"));
                SchedulerParameters live = SchedulerRules.forLive(change);
                DomainDef l = o.live().orElseThrow();
                DomainDef newLive = l.withCputune(SchedulerRules.apply(l.cputune(), live));
                if (!live.isEmpty()) {
                    s.apply(d.active(o).runtime(), newLive, live);
                }
                d.commitLive(o, newLive);
            }
            if (newConfig != null) {
                d.commitConfig(o, newConfig);
            }
        });
    }

    @Override
    public NumaParameters numaParameters(UUID uuid, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        return o.job(() -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            DomainDef def = d.queried(o, affect);
            return NumaRules.of(def.numatune(), t.live() ? d.numadOf(o) : Optional.empty());
        });
    }

    @Override
    public void setNumaParameters(UUID uuid, NumaChange change, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, "numatune", () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            change.nodeset().ifPresent(n -> NumaRules.checkNodes(n, d.host()));
            DomainDef newConfig = null;
            if (t.config()) {
                DomainDef p = o.persistent().orElseThrow();
                newConfig = p.withNumatune(NumaRules.applyToConfig(p.numatune(), change));
                d.validator().validate(newConfig, d.hypervisor().validationContext(newConfig));
            }
            if (t.live()) {
                DomainDef l = o.live().orElseThrow();
                Optional<NumaTune> numa = NumaRules.applyToLive(l.numatune(), change);
                if (numa.isPresent()) {
                    NumaMemory<R> m = tuning.numaMemory().orElseThrow(() -> d.noSupport("numatune --live --nodeset"));
                    DomainDef newLive = l.withNumatune(numa);
                    m.applyNodeset(d.active(o).runtime(), newLive, change.nodeset().orElseThrow());
                    d.commitLive(o, newLive);
                }
            }
            if (newConfig != null) {
                d.commitConfig(o, newConfig);
            }
        });
    }

    private IothreadHotplug<R> iothreads(String what) {
        return tuning.iothreads().orElseThrow(() -> d.noSupport(what));
    }

    @Override
    public void addIothread(UUID uuid, int id, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, "iothreadadd", () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            DomainDef newConfig = t.config() ? IothreadRules.add(o.persistent().orElseThrow(), id) : null;
            if (t.live()) {
                IothreadHotplug<R> h = iothreads("iothreadadd --live");
                DomainDef l = o.live().orElseThrow();
                DomainDef newLive = IothreadRules.add(l, id);
                Active<R> a = d.active(o);
                ResolvedSet placement = d.capabilities().placesThreads()
                        ? d.resolver().resolveIothread(newLive, id, d.host(), a.numad(), PinningResolver.Mode.LIVE)
                        : d.resolve(newLive, a.numad(), PinningResolver.Mode.LIVE).iothread(id);
                h.add(a.runtime(), id, placement, l);
                d.commitLive(o, newLive);
            }
            if (newConfig != null) {
                d.commitConfig(o, newConfig);
            }
        });
    }

    @Override
    public void deleteIothread(UUID uuid, int id, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, "iothreaddel", () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            DomainDef newConfig = t.config() ? IothreadRules.delete(o.persistent().orElseThrow(), id) : null;
            if (t.live()) {
                IothreadHotplug<R> h = iothreads("iothreaddel --live");
                DomainDef newLive = IothreadRules.delete(o.live().orElseThrow(), id);
                h.delete(d.active(o).runtime(), id);
                d.commitLive(o, newLive);
            }
            if (newConfig != null) {
                d.commitConfig(o, newConfig);
            }
        });
    }

    @Override
    public void setIothreadParameters(UUID uuid, int id, IothreadParameters parameters, Affect affect) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, "iothreadset", () -> {
            ManagedDriver.Targets t = d.targets(o, affect);
            IothreadRules.check(parameters);
            DomainDef newConfig = null;
            if (t.config()) {
                if (!parameters.poolOnly()) {
                    throw d.error(ErrorCode.OPERATION_INVALID, "IOThread polling parameters apply to a running "
                            + "domain only (--live); a definition keeps thread-pool-min and thread-pool-max");
                }
                newConfig = IothreadRules.setPool(o.persistent().orElseThrow(), id, parameters);
            }
            if (t.live()) {
                DomainDef l = o.live().orElseThrow();
                IothreadRules.requireExists(l, id);
                DomainDef newLive = parameters.threadPoolMin().isPresent() || parameters.threadPoolMax().isPresent()
                        ? IothreadRules.setPool(l, id, parameters) : l;
                iothreads("iothreadset --live").set(d.active(o).runtime(), id, parameters);
                d.commitLive(o, newLive);
            }
            if (newConfig != null) {
                d.commitConfig(o, newConfig);
            }
        });
    }

    @Override
    public Autostart autostart(UUID uuid) {
        DomainObject<Active<R>> o = obj(uuid);
        return Autostart.of(d.store().autostart().enabled(o.name()));
    }

    @Override
    public void setAutostart(UUID uuid, Autostart autostart) {
        DomainObject<Active<R>> o = obj(uuid);
        d.jobRun(o, "autostart", () -> {
            if (!o.isPersistent()) {
                throw d.error(ErrorCode.OPERATION_INVALID, "cannot set autostart for transient domain '%s'", o.name());
            }
            d.store().autostart().set(o.name(), autostart.enabled());
        });
    }
}
