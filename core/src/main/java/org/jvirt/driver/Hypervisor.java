package org.jvirt.driver;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.xml.DomainStatus;
import org.jvirt.pinning.ValidationContext;

/**
 * What a driver built on core's managed domains ({@code org.jvirt.state}) implements: the live
 * side of its domains. Core keeps the definitions, the states, the events, the job locks and the
 * files; it calls a hypervisor only for what needs the host. Every call that changes a domain
 * comes inside the domain's job (see {@link #jobGuard}); a call that fails must leave the host as
 * it found it (a start rolls back everything it did).
 *
 * <p>This interface is the required part: the lifecycle. What else a driver can do it declares in
 * {@link #capabilities()}; for anything it leaves out, core answers {@code NO_SUPPORT} itself.
 *
 * @param <R> the driver's runtime data of an active domain
 */
public interface Hypervisor<R> {
    /** {@code QEMU}, {@code LXC}, {@code TEST}. */
    String type();

    /** The optional parts this driver provides (live pinning, vCPU hotplug, ...). */
    Capabilities<R> capabilities();

    /**
     * The run-time tuning parts this driver provides (scheduler parameters, NUMA memory, I/O
     * threads, statistics); none by default.
     */
    default Tuning<R> tuning() {
        return Tuning.none();
    }

    /** Driver defaults after parsing (emulator path, machine type, ...); must not validate. */
    DomainDef postParse(DomainDef def);

    /** Driver-specific checks at define and start (beyond the common validator). */
    void validate(DomainDef def);

    /** Which rule set of the common validator applies to {@code def} (VM or container). */
    ValidationContext validationContext(DomainDef def);

    /** Whether the cgroup cpu controller can carry CPU bandwidth settings. */
    boolean cpuControllerAvailable();

    /**
     * Starts a domain with its resolved pinning; returns the runtime and the live definition
     * (which may carry what the start discovered, e.g. the order vCPUs came online in).
     */
    Started<R> start(StartRequest request);

    /** Stops at once; the runtime is gone afterwards. */
    void destroy(R runtime);

    /**
     * Asks the domain's process to end (SIGTERM) and waits for it, never killing it; the runtime
     * is gone afterwards. When it does not end in time this throws and the domain stays running.
     * A driver with nothing to wait for stops at once.
     */
    default void destroyGracefully(R runtime) {
        destroy(runtime);
    }

    /** Asks the guest to stop; returns true when it has stopped already (then the runtime is gone). */
    boolean shutdown(R runtime);

    /** Restarts the guest; the domain stays active (core writes its status again afterwards). */
    void reboot(R runtime);

    void suspend(R runtime);

    void resume(R runtime);

    /** CPU time of the whole domain in nanoseconds. */
    long cpuTimeNanos(R runtime);

    /**
     * What the status file records of the running domain besides what core knows (state, id,
     * live definition, numad advice): its process and the driver's own facts.
     */
    RuntimeRecord record(R runtime);

    /**
     * Held for the whole of job {@code job} (an operation name such as {@code start} or
     * {@code setvcpus}) on domain {@code name}, inside this JVM's own lock: the real drivers take
     * their per-domain lock file and record the job in it, so another JVM waits, and one that
     * gives up names this process and its job. When a process died holding it, the driver first
     * undoes or finishes on the host what that job left ({@link JobGuard#interruptedJob}). The
     * default holds nothing (the test driver lives in one JVM).
     */
    default JobGuard jobGuard(String name, String job) {
        return JobGuard.NONE;
    }

    /**
     * {@link #jobGuard} without waiting: empty when another thread or process holds the domain
     * now (it is alive and deals with the domain itself).
     */
    default Optional<JobGuard> tryJobGuard(String name, String job) {
        return Optional.of(jobGuard(name, job));
    }

    /**
     * The domains whose last job a process left unfinished as far as a look without their locks
     * tells (their lock files hold a job record); a connection checks each of them as it opens.
     */
    default Set<String> recordedJobs() {
        return Set.of();
    }

    /**
     * Another process rewrote the status of the running domain: the runtime takes what it
     * records of the process (thread ids, ...). Returns false when the status names another
     * process than {@code runtime}'s (the domain was stopped and started elsewhere).
     */
    default boolean follow(R runtime, DomainStatus status) {
        return true;
    }

    /**
     * Drops {@code runtime} without touching the host: another process stopped the domain (and
     * removed what it left). The runtime is not used afterwards.
     */
    default void forget(R runtime) {
    }

    /**
     * After a process died in the middle of a live change: puts every thread of the running
     * domain where {@code live} says (with the pinning {@code resolve} gives for a definition)
     * and returns the live definition as the domain really is (a vCPU that was plugged before
     * the process died is online in it).
     */
    default DomainDef reconcile(R runtime, DomainDef live, Function<DomainDef, EffectivePinning> resolve) {
        return live;
    }

    /**
     * Whether the driver saw the process of {@code runtime} end by itself and is about to report
     * it (it removes the status file before it reports): a status file gone meanwhile is then its
     * own cleanup, not another process's stop.
     */
    default boolean endedByItself(R runtime) {
        return false;
    }

    /**
     * Makes this connection hear, where it can, what others do to the running domain (pause,
     * resume, stop), for instance by taking its free monitor, and says whether it now does. When
     * it does not, a state query answers from the status file, which every process rewrites after
     * each change. Called inside the domain's job, before a state query answers.
     */
    default boolean listenForChanges(R runtime) {
        return true;
    }
}
