package org.jvirt.driver;

import org.jvirt.model.DomainDef;
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
     * Held for the whole of each job on domain {@code name} (inside this JVM's own lock): the
     * real drivers take their per-domain lock file, so another JVM waits. The default holds
     * nothing (the test driver lives in one JVM).
     */
    default JobGuard jobGuard(String name) {
        return JobGuard.NONE;
    }

    /**
     * Whether this connection hears of what others do to the running domain (pause, resume,
     * stop), for instance through monitor events. When it does not, a state query answers from
     * the status file, which every process rewrites after each change.
     */
    default boolean hearsChanges(R runtime) {
        return true;
    }
}
