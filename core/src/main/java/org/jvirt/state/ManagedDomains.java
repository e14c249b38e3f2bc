package org.jvirt.state;

import org.jvirt.model.CpuDef;
import org.jvirt.XmlFlag;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;

import org.jvirt.DestroyOptions;
import org.jvirt.DomainInfo;
import org.jvirt.DomainState;
import org.jvirt.StartOptions;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;
import org.jvirt.driver.DomainWatcher;
import org.jvirt.driver.Hypervisor;
import org.jvirt.error.ErrorCode;
import org.jvirt.event.DomainEvent;
import org.jvirt.host.NumadAdvice;
import org.jvirt.model.DomainDef;
import org.jvirt.spi.DomainOps;
import org.jvirt.spi.Defined;
import org.jvirt.spi.DomainSummary;

/**
 * Domain lookup, definitions and lifecycle for any driver, over its {@link Hypervisor}: the state
 * machine, persistent and live definitions kept apart, events. The driver does only the live work
 * ({@link ManagedLifecycle} holds the starts and stops).
 */
public final class ManagedDomains<R> implements DomainOps {
    private final ManagedDriver<R> d;
    private final DomainFollower follower;
    private final ManagedLifecycle<R> life;

    public ManagedDomains(ManagedDriver<R> driver) {
        this(driver, DomainFollower.NONE);
    }

    /**
     * @param follower asked, before a lookup answers "no such domain" or "inactive" and before a
     *                 list, to pick up what another process defined, started or undefined since
     *                 this one read the driver's files
     */
    public ManagedDomains(ManagedDriver<R> driver, DomainFollower follower) {
        this.d = driver;
        this.follower = follower;
        this.life = new ManagedLifecycle<>(driver);
    }

    private DomainSummary summary(DomainObject<Active<R>> obj) {
        return obj.job(new DomainSummaries.Always(obj));
    }

    @Override
    public List<DomainSummary> list() {
        follower.followAll();
        return listKnown();
    }

    /** The domains this connection knows, without looking at what other processes did. */
    public List<DomainSummary> listKnown() {
        List<DomainSummary> out = new ArrayList<>();
        for (DomainObject<Active<R>> obj : d.domains().all()) {
            try {
                Optional<DomainSummary> s = obj.job(new DomainSummaries.IfDefined(obj));
                if (s.isPresent()) {
                    out.add(s.get());
                }
            } catch (org.jvirt.error.VirtException gone) {
                if (gone.code() != ErrorCode.NO_DOMAIN) {
                    throw gone;
                }
            }
        }
        return out;
    }

    @Override
    public DomainSummary lookupByName(String name) {
        if (!isActive(name)) {
            follower.follow(name);
        }
        return summary(d.domains().requireName(name));
    }

    /** Whether this connection knows a domain named {@code name}. */
    public boolean isKnown(String name) {
        return d.domains().byName(name).isPresent();
    }

    /** Whether {@code name} is a domain this connection knows to be active. */
    public boolean isActive(String name) {
        Optional<DomainObject<Active<R>>> obj = d.domains().byName(name);
        return obj.isPresent() && obj.get().isActiveNow();
    }

    @Override
    public DomainSummary lookupByUuid(UUID uuid) {
        Optional<DomainObject<Active<R>>> known = d.domains().byUuid(uuid);
        if (known.isEmpty()) {
            follower.followAll();
        } else if (!known.get().isActiveNow()) {
            follower.follow(known.get().name());
        }
        return summary(d.domains().require(uuid));
    }

    @Override
    public DomainSummary lookupById(int id) {
        for (DomainSummary s : list()) {
            if (s.id().isPresent() && s.id().getAsInt() == id) {
                return s;
            }
        }
        throw DomainList.noDomain("no domain with matching id " + id);
    }

    @Override
    public Defined define(String xml) {
        return define(d.codec().parse(xml));
    }

    /**
     * Defines a domain built in code: the same defaults, checks, storage and event as a definition
     * given as XML.
     */
    public Defined define(DomainDef built) {
        return define(d.codec().check(built));
    }

    private Defined define(DefinitionCodec.Checked checked) {
        follower.knowAll(); // its name and UUID against every stored domain
        DomainDef def = checked.def();
        DomainSummaries.NewObject<Active<R>> added = new DomainSummaries.NewObject<>(def.name());
        DomainObject<Active<R>> obj = d.domains().findOrAdd(def.uuid(), def.name(), added);
        try {
            // an anonymous class rather than a lambda: test:///default defines its domain in every
            // one-shot command, and JDK 17 links each lambda's call site at run time
            return d.job(obj, "define", new Supplier<Defined>() {
                @Override
                public Defined get() {
                    boolean updated = obj.isPersistent();
                    d.commitConfig(obj, def);
                    d.publish(new DomainEvent.Defined(obj.name(), obj.uuid(), updated));
                    return new Defined(DomainSummaries.of(obj), checked.warnings());
                }
            });
        } catch (RuntimeException e) {
            if (added.created()) {
                forget(obj);
            }
            throw e;
        }
    }

    /**
     * Drops {@code name} when it is an inactive persistent domain: another process undefined it
     * (its stored definition is gone). No event: this connection only catches up.
     */
    public void dropUndefined(String name) {
        d.domains().byName(name).ifPresent(obj -> obj.jobRun(() -> {
            if (!obj.isActive() && obj.isPersistent()) {
                obj.markRemoved();
                d.domains().remove(obj);
            }
        }));
    }

    private void forget(DomainObject<Active<R>> obj) {
        obj.jobRun(() -> {
            if (obj.current() == null) {
                obj.markRemoved();
                d.domains().remove(obj);
            }
        });
    }

    /**
     * Adds a persistent definition read back from the driver's config store when a connection
     * opens: not saved again, no event.
     */
    public DomainSummary restoreDefined(DomainDef def) {
        DomainObject<Active<R>> obj = d.domains().findOrAdd(def.uuid(), def.name(),
                uuid -> new DomainObject<>(uuid, def.name()));
        return obj.job(() -> {
            obj.setPersistent(def);
            return DomainSummaries.of(obj);
        });
    }

    /**
     * As {@link #restoreDefined}, for a domain whose definition {@code def} reads when first asked
     * for ({@link DomainObject#setPersistentLazily}); {@code uuid} and {@code name} from its status file.
     */
    public void restoreDefinedLazily(UUID uuid, String name, Supplier<DomainDef> def) {
        DomainObject<Active<R>> obj = d.domains().findOrAdd(uuid, name, u -> new DomainObject<>(u, name));
        obj.jobRun(() -> obj.setPersistentLazily(new StoredDefinition(uuid, name, def)));
    }

    /**
     * A known domain whose process a connection found gone with no one watching it (its status
     * file named a process that no longer runs): shut off for {@code reason} in this connection,
     * no event. A domain active here, or unknown, is left as it is.
     */
    public void restoreEnded(String name, StateReason reason) {
        d.domains().byName(name).ifPresent(obj -> obj.job(() -> {
            if (!obj.isActive()) {
                obj.setState(DomainState.SHUTOFF, reason);
            }
            return null;
        }));
    }

    /**
     * Adds a domain found running when a connection opens (status file checked by the driver):
     * {@code attach} reattaches to it, given the watcher that reports its stop. A persistent
     * definition restored before ({@link #restoreDefined}, {@link #restoreDefinedLazily}) stays.
     */
    public DomainSummary restoreActive(DomainDef live, StateInfo state, int id,
                                       Optional<NumadAdvice> numad, java.util.function.Function<DomainWatcher, R> attach) {
        DomainObject<Active<R>> obj = d.domains().findOrAdd(live.uuid(), live.name(),
                uuid -> new DomainObject<>(uuid, live.name()));
        return d.internalJob(obj, "attach", () -> {
            R runtime = attach.apply(life.watcher(obj));
            obj.setRuntime(new Active<>(runtime, numad));
            obj.setLive(live);
            obj.setId(id);
            d.domains().seenId(id);
            obj.setState(state.state(), state.reason());
            obj.setStatusStamp(null); // read again by the first job unless the restore tells which version it read
            return DomainSummaries.of(obj);
        });
    }

    @Override
    public Defined create(String xml, StartOptions options) {
        follower.knowAll(); // its name, UUID and id against every stored domain
        DefinitionCodec.Checked checked = d.codec().parse(xml);
        DomainDef def = checked.def();
        DomainSummaries.NewObject<Active<R>> added = new DomainSummaries.NewObject<>(def.name());
        DomainObject<Active<R>> obj = d.domains().findOrAdd(def.uuid(), def.name(), added);
        try {
            return d.job(obj, "create", () -> {
                if (obj.isActive()) {
                    throw d.error(ErrorCode.OPERATION_INVALID, "domain '%s' is already active", obj.name());
                }
                life.start(obj, def, options.paused());
                return new Defined(DomainSummaries.of(obj), checked.warnings());
            });
        } catch (RuntimeException e) {
            if (added.created()) {
                forget(obj);
            }
            throw e;
        }
    }

    @Override
    public void start(UUID uuid, StartOptions options) {
        follower.knowAll(); // its id after every running domain's
        DomainObject<Active<R>> obj = d.domains().require(uuid);
        d.jobRun(obj, "start", () -> {
            if (obj.isActive()) {
                throw d.error(ErrorCode.OPERATION_INVALID, "domain '%s' is already active", obj.name());
            }
            life.start(obj, obj.persistent().orElseThrow(), options.paused());
        });
    }

    /**
     * Starts a domain that a node description says was already running (or paused): as
     * {@link #start}, but its state reason is {@code unknown}, as for a domain found running.
     */
    public void startAsFound(UUID uuid, boolean paused) {
        DomainObject<Active<R>> obj = d.domains().require(uuid);
        d.jobRun(obj, "start", new Runnable() { // not a lambda: test:///default runs it in every one-shot command
            @Override
            public void run() {
                life.start(obj, obj.persistent().orElse(obj.current()), paused);
                obj.setState(obj.state().state(), StateReason.UNKNOWN);
            }
        });
    }

    private DomainObject<Active<R>> running(UUID uuid) {
        return d.domains().require(uuid);
    }

    @Override
    public void destroy(UUID uuid, DestroyOptions options) {
        DomainObject<Active<R>> obj = running(uuid);
        d.jobRun(obj, "destroy", () -> life.destroy(obj, options));
    }

    @Override
    public void shutdown(UUID uuid) {
        DomainObject<Active<R>> obj = running(uuid);
        d.jobRun(obj, "shutdown", () -> life.shutdown(obj));
    }

    @Override
    public void reboot(UUID uuid) {
        DomainObject<Active<R>> obj = running(uuid);
        d.jobRun(obj, "reboot", () -> life.reboot(obj));
    }

    @Override
    public void suspend(UUID uuid) {
        DomainObject<Active<R>> obj = running(uuid);
        d.jobRun(obj, "suspend", () -> life.suspend(obj));
    }

    @Override
    public void resume(UUID uuid) {
        DomainObject<Active<R>> obj = running(uuid);
        d.jobRun(obj, "resume", () -> life.resume(obj));
    }

    @Override
    public void undefine(UUID uuid) {
        DomainObject<Active<R>> obj = d.domains().require(uuid);
        d.jobRun(obj, "undefine", () -> {
            DomainDef def = obj.persistent().orElseThrow(() -> d.error(ErrorCode.OPERATION_INVALID,
                    "cannot undefine transient domain '%s'", obj.name()));
            d.store().deleteConfig(def.name());
            obj.setPersistent(null);
            if (!obj.isActive()) {
                obj.markRemoved();
                d.domains().remove(obj);
            }
            d.publish(new DomainEvent.Undefined(obj.name(), obj.uuid()));
        });
    }

    @Override
    public StateInfo state(UUID uuid) {
        DomainObject<Active<R>> obj = followed(uuid);
        return d.query(obj, new Supplier<StateInfo>() { // not a lambda: a list asks each domain's state
            @Override
            public StateInfo get() {
                catchUp(obj);
                return obj.state();
            }
        });
    }

    /**
     * An active domain whose changes by others this connection does not hear of (another process
     * holds its monitor) takes its running/paused state from the status file; call inside its job.
     */
    private void catchUp(DomainObject<Active<R>> obj) {
        Optional<Active<R>> a = obj.runtime();
        if (a.isEmpty() || d.hypervisor().listenForChanges(a.get().runtime())) {
            return;
        }
        follower.storedState(obj.name())
                .filter(s -> s.state() == DomainState.RUNNING || s.state() == DomainState.PAUSED)
                .ifPresent(s -> obj.setState(s.state(), s.reason()));
    }

    /**
     * The domain, after following a start by another process when it is inactive here (as a
     * lookup does): what a handle's state, id and info answer.
     */
    private DomainObject<Active<R>> followed(UUID uuid) {
        DomainObject<Active<R>> obj = d.domains().require(uuid);
        if (!obj.isActiveNow()) {
            follower.follow(obj.name());
        }
        return d.domains().require(uuid);
    }

    @Override
    public DomainInfo info(UUID uuid) {
        DomainObject<Active<R>> obj = followed(uuid);
        return d.query(obj, () -> {
            catchUp(obj);
            DomainDef def = obj.current();
            long cpuTime = obj.runtime().map(a -> d.hypervisor().cpuTimeNanos(a.runtime())).orElse(0L);
            return new DomainInfo(obj.state().state(), def.memory().memoryKiB(), def.memory().currentKiB(),
                    def.vcpu().current(), cpuTime);
        });
    }

    @Override
    public OptionalInt id(UUID uuid) {
        DomainObject<Active<R>> obj = followed(uuid);
        return obj.idNow();
    }

    @Override
    public DomainDef definition(UUID uuid, boolean inactive) {
        DomainObject<Active<R>> obj = d.domains().require(uuid);
        return d.query(obj, () -> inactive ? obj.persistent().orElse(obj.current()) : obj.current());
    }

    @Override
    public String xml(UUID uuid, Set<XmlFlag> flags) {
        DomainObject<Active<R>> obj = d.domains().require(uuid);
        return d.query(obj, () -> {
            boolean live = !flags.contains(XmlFlag.INACTIVE) && obj.isActive();
            DomainDef def = live ? obj.live().orElseThrow() : obj.persistent().orElse(obj.current());
            if (flags.contains(XmlFlag.UPDATE_CPU) && def.cpu().flatMap(CpuDef::mode).filter("host-model"::equals).isPresent()) {
                throw d.error(ErrorCode.OPERATION_UNSUPPORTED, "cannot update a host-model guest CPU from the host's "
                        + "CPU (dumpxml --update-cpu): the %s driver knows no host CPU model to expand it to",
                        d.hypervisor().type());
            }
            boolean secure = flags.contains(XmlFlag.SECURE);
            OptionalInt id = live ? obj.id() : OptionalInt.empty();
            DomainDef shown = def;
            return obj.formattedXml(def, secure, id,
                    () -> d.codec().format(secure ? shown : shown.withoutSecrets(), id));
        });
    }
}
