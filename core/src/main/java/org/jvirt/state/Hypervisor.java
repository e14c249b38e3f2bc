package org.jvirt.state;

import java.util.List;

import org.jvirt.VcpuInfo;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;
import org.jvirt.pinning.ValidationContext;

/**
 * The live side of a driver: what {@link ManagedDomains} cannot do with definitions alone.
 * Every method is called inside the domain's job. A method that fails must leave the kernel
 * state as it found it (start rolls back everything it did).
 *
 * @param <R> the driver's runtime data of an active domain
 */
public interface Hypervisor<R> {
    /** {@code QEMU}, {@code LXC}, {@code TEST}. */
    String type();

    /** Driver defaults after parsing (emulator path, machine type, ...); must not validate. */
    DomainDef postParse(DomainDef def);

    /** Driver-specific checks at define and start (beyond the common validator). */
    void validate(DomainDef def);

    /** Which rule set of the common validator applies to {@code def} (VM or container). */
    ValidationContext validationContext(DomainDef def);

    /** Whether the cgroup cpu controller can carry CPU bandwidth settings (V26). */
    boolean cpuControllerAvailable();

    /**
     * Starts the domain with its resolved pinning; returns the runtime and the live
     * definition (which may carry what the start discovered, e.g. vCPU order).
     */
    Started<R> start(String name, DomainDef def, EffectivePinning pinning, boolean paused, DomainWatcher watcher);

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

    /** Restarts the guest; the domain stays active. */
    void reboot(R runtime);

    void suspend(R runtime);

    void resume(R runtime);

    /** CPU time of the whole domain in nanoseconds. */
    long cpuTimeNanos(R runtime);

    /** Applies a live vCPU pin (cgroup then thread affinity) to an online vCPU. */
    void applyVcpuPin(R runtime, int vcpu, CpuSet cpus);

    void applyEmulatorPin(R runtime, CpuSet cpus);

    void applyIothreadPin(R runtime, int iothread, CpuSet cpus);

    /** Brings vCPU {@code vcpu} online with pin {@code cpus}. */
    void plugVcpu(R runtime, int vcpu, CpuSet cpus);

    /** Takes vCPU {@code vcpu} offline (waits for completion, or UNPLUG_TIMEOUT). */
    void unplugVcpu(R runtime, int vcpu);

    /**
     * Whether online vCPU {@code vcpu} of {@code live} can be unplugged: for QEMU one plugged
     * by {@code device_add} ({@link org.jvirt.pinning.VcpuCountPlanner#pluggedByDeviceAdd}), for
     * a simulation any but vCPU 0.
     */
    boolean canUnplug(DomainDef live, int vcpu);

    /** Every thread of the running domain as the kernel enforces it (see {@link org.jvirt.ThreadPlacement}). */
    List<org.jvirt.ThreadPlacement> threadPlacements(R runtime, DomainDef live);

    /** What the kernel says of every online vCPU of {@code live}. */
    List<VcpuInfo> vcpuInfo(R runtime, DomainDef live);

    /** Called after every change of a live domain (status file of the real drivers). */
    void saveStatus(String name, DomainDef live, R runtime);

    /** Stores a persistent definition (config file of the real drivers). */
    void saveConfig(DomainDef def);

    /** Deletes a persistent definition. */
    void deleteConfig(DomainDef def);

    /**
     * Held for the whole of each job on domain {@code name} (inside this JVM's own lock): the
     * real drivers take their per-domain lock file, so another JVM waits. The default holds
     * nothing (the test driver lives in one JVM).
     */
    default JobGuard jobGuard(String name) {
        return () -> { };
    }

    /**
     * Whether this connection hears of what others do to the running domain (pause, resume,
     * stop), for instance through monitor events. When it does not, a state query answers from
     * the status file, which every process rewrites after each change.
     */
    default boolean hearsChanges(R runtime) {
        return true;
    }

    /** A held job guard; closing releases it. Never throws on close. */
    @FunctionalInterface
    interface JobGuard extends AutoCloseable {
        @Override
        void close();
    }

    /** A started domain. */
    record Started<R>(R runtime, DomainDef live) {
    }
}
