package org.jvirt.state;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.Affect;
import org.jvirt.StateReason;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.EventBus;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NumadAdvice;
import org.jvirt.driver.Capabilities;
import org.jvirt.driver.Hypervisor;
import org.jvirt.driver.JobGuard;
import org.jvirt.driver.RuntimeRecord;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.PinningResolver;
import org.jvirt.pinning.Validator;
import org.jvirt.xml.DomainStatus;

/**
 * What {@link ManagedDomains} and {@link ManagedVcpus} share: the domain list, the driver's
 * {@link Hypervisor} and its {@link Capabilities}, the store of definitions and statuses, the
 * definition codec, the host, numad and the event bus; and the rules every operation applies the
 * same way (which definition an {@link Affect} means, not running, transient, stopping a domain,
 * how a domain's pinning is resolved, what an absent capability answers).
 */
public final class ManagedDriver<R> {
    private final DomainList<Active<R>> domains;
    private final Hypervisor<R> hypervisor;
    private final Capabilities<R> capabilities;
    private final DomainStore store;
    private final DefinitionCodec codec;
    private final java.util.function.Supplier<HostTopology> host;
    private final NumadSource numad;
    private final EventBus events;
    private final ErrorDomain errorDomain;
    private final PinningResolver resolver = new PinningResolver();
    private final Validator validator = new Validator(resolver);
    private final JobSync<R> sync = new JobSync<>(this);
    private volatile java.util.function.Consumer<String> startedElsewhere = NoTakeOver.NONE;

    public ManagedDriver(DomainList<Active<R>> domains, Hypervisor<R> hypervisor, DomainStore store,
                         DefinitionCodec codec, HostTopology host, NumadSource numad, EventBus events,
                         ErrorDomain errorDomain) {
        this(domains, hypervisor, store, codec, constant(Objects.requireNonNull(host, "host")), numad, events,
                errorDomain);
    }

    /**
     * As above, with the host topology asked of {@code host} whenever an operation needs it: a
     * {@link org.jvirt.driver.Lazy} probes the host at the first such operation and keeps the
     * answer, so that opening a connection probes nothing.
     */
    public ManagedDriver(DomainList<Active<R>> domains, Hypervisor<R> hypervisor, DomainStore store,
                         DefinitionCodec codec, java.util.function.Supplier<HostTopology> host, NumadSource numad,
                         EventBus events, ErrorDomain errorDomain) {
        this.domains = Objects.requireNonNull(domains, "domains");
        this.hypervisor = Objects.requireNonNull(hypervisor, "hypervisor");
        this.capabilities = Objects.requireNonNull(hypervisor.capabilities(), "capabilities");
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.host = Objects.requireNonNull(host, "host");
        this.numad = Objects.requireNonNull(numad, "numad");
        this.events = Objects.requireNonNull(events, "events");
        this.errorDomain = Objects.requireNonNull(errorDomain, "errorDomain");
    }

    public DomainList<Active<R>> domains() {
        return domains;
    }

    /**
     * Runs {@code work} as job {@code label} (an operation name: {@code start}, {@code vcpupin},
     * ...) of {@code obj}: under the domain's lock in this JVM and, inside it, the driver's job
     * guard (the real drivers' per-domain lock file, so that two JVMs never run jobs on one domain
     * at once). The outermost job first catches up with what other processes did to the domain
     * and finishes what one that died left ({@link JobSync}).
     */
    public <T> T job(DomainObject<Active<R>> obj, String label, java.util.function.Supplier<T> work) {
        return obj.job(new GuardedJob<>(obj, label, work));
    }

    /**
     * {@link #job}'s work inside the job guard: a class rather than a lambda, as every job runs it
     * (and test:///default's define and start in every one-shot command), and JDK 17 links each
     * lambda's call site at run time.
     */
    private final class GuardedJob<T> implements java.util.function.Supplier<T> {
        private final DomainObject<Active<R>> obj;
        private final String label;
        private final java.util.function.Supplier<T> work;

        GuardedJob(DomainObject<Active<R>> obj, String label, java.util.function.Supplier<T> work) {
            this.obj = obj;
            this.label = label;
            this.work = work;
        }

        @Override
        public T get() {
            try (JobGuard guard = hypervisor.jobGuard(obj.name(), label)) {
                if (obj.isOutermostJob()) {
                    sync.catchUp(obj, guard);
                }
                return work.get();
            }
        }
    }

    /** A {@link Runnable} as a job's work (a class rather than a lambda: see {@link GuardedJob}). */
    private static final class NoResult implements java.util.function.Supplier<Void> {
        private final Runnable work;

        NoResult(Runnable work) {
            this.work = work;
        }

        @Override
        public Void get() {
            work.run();
            return null;
        }
    }

    /**
     * A query of {@code obj}: inside its lock in this JVM (no lock file: queries never wait for
     * another process), after catching up with what another process wrote to its status.
     */
    public <T> T query(DomainObject<Active<R>> obj, java.util.function.Supplier<T> work) {
        return obj.job(new FollowedQuery<>(obj, work));
    }

    /** {@link #query}'s work after following the status (a class rather than a lambda: see {@link GuardedJob}). */
    private final class FollowedQuery<T> implements java.util.function.Supplier<T> {
        private final DomainObject<Active<R>> obj;
        private final java.util.function.Supplier<T> work;

        FollowedQuery(DomainObject<Active<R>> obj, java.util.function.Supplier<T> work) {
            this.obj = obj;
            this.work = work;
        }

        @Override
        public T get() {
            if (obj.isOutermostJob()) {
                sync.follow(obj);
            }
            return work.get();
        }
    }

    public void jobRun(DomainObject<Active<R>> obj, String label, Runnable work) {
        job(obj, label, new NoResult(work));
    }

    /**
     * A job of this connection's own bookkeeping (a stop or restart the driver reported): under
     * the same locks, without catching up first (the driver's report is the news).
     */
    public <T> T internalJob(DomainObject<Active<R>> obj, String label, java.util.function.Supplier<T> work) {
        return obj.job(() -> {
            try (JobGuard guard = hypervisor.jobGuard(obj.name(), label)) {
                return work.get();
            }
        });
    }

    /**
     * A job that runs only if nobody holds the domain now ({@link Hypervisor#tryJobGuard}); false
     * when skipped. Used when a connection opens, to finish what a dead process left.
     */
    public boolean tryJob(DomainObject<Active<R>> obj, String label, Runnable work) {
        return obj.job(() -> {
            Optional<JobGuard> held = hypervisor.tryJobGuard(obj.name(), label);
            if (held.isEmpty()) {
                return false;
            }
            try (JobGuard guard = held.get()) {
                if (obj.isOutermostJob()) {
                    sync.catchUp(obj, guard);
                }
                work.run();
            }
            return true;
        });
    }

    /**
     * How a domain that another process started is taken over (the connection's follower, which
     * reads its status file as at connect); a job on an inactive domain whose status file appeared
     * calls it first.
     */
    public void onStartedElsewhere(java.util.function.Consumer<String> takeOver) {
        this.startedElsewhere = Objects.requireNonNull(takeOver, "takeOver");
    }

    void followStart(String name) {
        startedElsewhere.accept(name);
    }

    public Hypervisor<R> hypervisor() {
        return hypervisor;
    }

    public Capabilities<R> capabilities() {
        return capabilities;
    }

    public DomainStore store() {
        return store;
    }

    public DefinitionCodec codec() {
        return codec;
    }

    public HostTopology host() {
        return host.get();
    }

    private static java.util.function.Supplier<HostTopology> constant(HostTopology host) {
        return org.jvirt.driver.Lazy.made(host);
    }

    /** Until a connection says how: a class rather than a lambda (JDK 17 links each lambda at run time). */
    private static final class NoTakeOver implements java.util.function.Consumer<String> {
        static final NoTakeOver NONE = new NoTakeOver();

        @Override
        public void accept(String name) {
            // nobody takes a domain over
        }
    }

    public PinningResolver resolver() {
        return resolver;
    }

    public Validator validator() {
        return validator;
    }

    public NumadSource numad() {
        return numad;
    }

    public void publish(DomainEvent event) {
        events.publish(event);
    }

    public VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, errorDomain, format, args);
    }

    /** NO_SUPPORT for {@code what}, an operation that needs a capability the driver does not have. */
    public VirtException noSupport(String what) {
        String note = capabilities.note().isEmpty() ? "the " + hypervisor.type() + " driver does not offer it"
                : capabilities.note();
        return error(ErrorCode.NO_SUPPORT, "this function is not supported by the connection driver: %s (%s)", what,
                note);
    }

    /**
     * Every thread's CPUs for {@code def}: per thread when the driver places threads, else one set
     * for the whole domain ({@link PinningResolver#resolveWhole}).
     */
    public EffectivePinning resolve(DomainDef def, Optional<NumadAdvice> numad, PinningResolver.Mode mode) {
        return capabilities.placesThreads() ? resolver.resolve(def, host(), numad, mode)
                : resolver.resolveWhole(def, host(), numad, mode);
    }

    /** Stores {@code def} as {@code obj}'s persistent definition (the file first). */
    public void commitConfig(DomainObject<Active<R>> obj, DomainDef def) {
        store.saveConfig(def);
        obj.setPersistent(def);
    }

    /** Makes {@code live} {@code obj}'s live definition and writes its status. */
    public void commitLive(DomainObject<Active<R>> obj, DomainDef live) {
        obj.setLive(live);
        saveStatus(obj);
    }

    /**
     * Writes the status of active {@code obj} (call inside its job): its state, id, live
     * definition and numad advice, with what the driver records of its process.
     */
    public void saveStatus(DomainObject<Active<R>> obj) {
        if (!store.keepsStatus()) {
            return;
        }
        Active<R> a = active(obj);
        RuntimeRecord r = hypervisor.record(a.runtime());
        store.saveStatus(new DomainStatus(obj.state().state(), obj.state().reason(), obj.id().orElse(0),
                obj.live().orElseThrow(), r.pid(), r.startTime(), a.numad().map(NumadAdvice::nodeset),
                r.attributes()));
        obj.setStatusStamp(store.statuses().orElseThrow().stamp(obj.name()).orElse(null));
    }
    /** Which definitions a change or query touches, after CURRENT is made concrete. */
    public record Targets(boolean live, boolean config) {
    }

    /**
     * Resolves {@code affect} for {@code obj}: LIVE needs a running domain (NOT_RUNNING),
     * CONFIG a persistent one.
     */
    public Targets targets(DomainObject<Active<R>> obj, Affect affect) {
        Affect a = affect.resolve(obj.isActive());
        if (a.live() && !obj.isActive()) {
            throw error(ErrorCode.NOT_RUNNING, "domain '%s' is not running", obj.name());
        }
        if (a.config() && !obj.isPersistent()) {
            throw error(ErrorCode.OPERATION_INVALID,
                    "domain '%s' is transient: it has no persistent configuration to change", obj.name());
        }
        return new Targets(a.live(), a.config());
    }

    /** The one definition a query asks for: live when LIVE (or CURRENT on a running domain). */
    public DomainDef queried(DomainObject<Active<R>> obj, Affect affect) {
        Targets t = targets(obj, affect);
        if (t.live() && t.config()) {
            throw error(ErrorCode.INVALID_ARG, "a query takes either live or config, not both");
        }
        return t.live() ? obj.live().orElseThrow() : obj.persistent().orElseThrow();
    }

    public Active<R> active(DomainObject<Active<R>> obj) {
        return obj.runtime().orElseThrow(
                () -> error(ErrorCode.NOT_RUNNING, "domain '%s' is not running", obj.name()));
    }

    public Optional<NumadAdvice> numadOf(DomainObject<Active<R>> obj) {
        return obj.runtime().flatMap(Active::numad);
    }

    /** Records that an active domain stopped: live state dropped, transient ones forgotten. */
    public void stopped(DomainObject<Active<R>> obj, StateReason reason) {
        obj.setLive(null);
        obj.setRuntime(null);
        obj.setId(-1);
        obj.setState(org.jvirt.DomainState.SHUTOFF, reason);
        if (!obj.isPersistent()) {
            obj.markRemoved();
            domains.remove(obj);
        }
        publish(new DomainEvent.Stopped(obj.name(), obj.uuid(), reason));
    }
}
