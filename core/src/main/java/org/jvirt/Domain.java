package org.jvirt;

import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.EffectivePinning;

/**
 * A handle on one domain of a {@link Connection}. It names the domain by UUID: every call asks
 * the driver, so a handle stays valid across start/stop and fails with NO_DOMAIN once the
 * domain is gone.
 */
public interface Domain {
    /** The domain's name (fixed for the handle's life). */
    String name();

    /** The domain's UUID, which the handle names it by. */
    UUID uuid();

    /**
     * What the call that gave this handle warned about: for {@link Connection#defineXml} and
     * {@link Connection#createXml}, the parts of the definition that were kept without being
     * understood or were dropped (each with its kind, XPath and message; virsh prints them as
     * {@code warning: ...}); empty for a handle from a lookup or list, and for a driver that
     * cannot tell (the remote driver: libvirt's protocol carries no warnings).
     */
    List<org.jvirt.model.DefinitionWarning> warnings();

    /** The id while running (given at each start), empty while shut off. */
    OptionalInt id();

    /**
     * Starts the defined domain with its pinning applied (kernel and cgroups) before it runs;
     * {@link StartOptions#PAUSED} leaves its vCPUs stopped. A failure leaves nothing behind.
     *
     * @throws org.jvirt.error.VirtException {@code OPERATION_INVALID} when it is running already,
     *         {@code HOST_CPU} when a pin names a CPU the host does not have, or the driver's error
     */
    void start(StartOptions options);

    /** {@link #start(StartOptions)} running. */
    default void start() {
        start(StartOptions.DEFAULT);
    }

    /** Stops at once (the process is killed); the state becomes shut off (destroyed). */
    default void destroy() {
        destroy(DestroyOptions.DEFAULT);
    }

    /** {@link #destroy()}, or with {@link DestroyOptions#GRACEFUL} SIGTERM only (see there). */
    void destroy(DestroyOptions options);

    /**
     * Asks the guest to shut down (ACPI power button for a VM, SIGTERM to a container's init)
     * and returns; the domain stops when the guest is done ({@code Stopped(SHUTDOWN)} event).
     */
    void shutdown();

    /** Asks the guest to restart; the domain stays active (a VM keeps its QEMU process). */
    void reboot();

    /** Stops the domain's vCPUs (or freezes a container); state paused. */
    void suspend();

    /** Lets a suspended domain run again. */
    void resume();

    /**
     * Removes the persistent definition: a shut-off domain is gone, a running one becomes
     * transient (gone once it stops).
     */
    void undefine();

    /** The state and why (virsh {@code domstate --reason}). */
    StateInfo state();

    /** State, memory, vCPU count and CPU time (virsh {@code dominfo}). */
    DomainInfo info();

    /**
     * The definition as domain XML, in the shape of virsh {@code dumpxml}: the live one while
     * running unless {@link XmlFlag#INACTIVE}, else the persistent one; secrets (a graphics
     * password) only with {@link XmlFlag#SECURE}.
     *
     * @throws org.jvirt.error.VirtException {@code OPERATION_DENIED} for {@link XmlFlag#SECURE}
     *         on a read-only connection
     */
    String xml(XmlFlag... flags);

    /**
     * The definition as the immutable model: the live one while running unless
     * {@link XmlFlag#INACTIVE}, else the persistent one (the other flags do not apply).
     */
    DomainDef definition(XmlFlag... flags);

    /** Whether it runs (or is paused). */
    boolean isActive();

    /** Whether it has a persistent definition. */
    boolean isPersistent();

    /**
     * Pins vCPU {@code vcpu} to host {@code cpus} (virsh {@code vcpupin}). Live: the kernel
     * first (cgroup and thread affinity), then the live definition.
     *
     * @throws org.jvirt.error.VirtException {@code VCPU_ID} for a vCPU beyond the maximum,
     *         {@code HOST_CPU} for a CPU the host does not have, {@code NOT_RUNNING} for
     *         {@link Affect#LIVE} on a stopped domain
     */
    void pinVcpu(int vcpu, CpuSet cpus, Affect affect);

    /** The resolved set of every vCPU 0..MAX-1 (offline ones too) of the affected definition. */
    List<CpuSet> vcpuPinInfo(Affect affect);

    /** Pins the emulator threads (virsh {@code emulatorpin}); rules as {@link #pinVcpu}. */
    void pinEmulator(CpuSet cpus, Affect affect);

    /** Where the emulator threads may run in the affected definition. */
    CpuSet emulatorPinInfo(Affect affect);

    /** Pins I/O thread {@code iothread} (virsh {@code iothreadpin}); rules as {@link #pinVcpu}. */
    void pinIothread(int iothread, CpuSet cpus, Affect affect);

    /** Every I/O thread of the affected definition with where it may run. */
    List<IothreadInfo> iothreadInfo(Affect affect);

    /**
     * Sets the vCPU count (virsh {@code setvcpus}): live, hot-plugs or unplugs vCPUs, each new
     * one placed with the pin it inherits before it runs; with {@link SetVcpusOptions#withMaximum()}
     * the maximum (config only).
     *
     * @throws org.jvirt.error.VirtException {@code VCPU_COUNT} for a count outside 1..maximum
     */
    void setVcpus(int count, SetVcpusOptions options);

    /** Turns the vCPUs {@code ids} on or off individually (virsh {@code setvcpu}). */
    void setVcpu(CpuSet ids, boolean enable, Affect affect);

    /** Maximum and current counts, config and live (virsh {@code vcpucount}). */
    VcpuCount vcpuCount();

    /** Every online vCPU: its thread, state, CPU time, last host CPU and affinity (virsh {@code vcpuinfo}). */
    List<VcpuInfo> vcpuInfo();

    /**
     * Every thread of the running domain as the kernel enforces it (thread affinity, cgroup
     * cpuset): compare with {@link #effectivePinning} to find drift. NO_SUPPORT where the driver
     * has no such view; NOT_RUNNING for a stopped domain.
     */
    List<ThreadPlacement> threadPlacements();

    /**
     * The command line that runs {@code command} inside this running container's namespaces
     * (virsh {@code lxc-enter-namespace}); NO_SUPPORT for drivers without namespaces.
     */
    List<String> enterNamespaceCommand(List<String> command);

    /** Where every vCPU, the emulator and every I/O thread may run, and why. */
    EffectivePinning effectivePinning(Affect affect);

    // ---------------------------------------------------------------- run-time tuning and statistics

    /** The scheduler whose parameters {@link #schedulerParameters} gives: {@code posix} (cgroup CFS). */
    String schedulerType();

    /**
     * The CPU scheduler parameters of the affected definition (virsh {@code schedinfo}): every
     * parameter the driver has, in libvirt's order. Live: what the kernel applies (the domain's
     * and its threads' cgroups); config: what the definition sets, 0 where it sets nothing.
     */
    org.jvirt.tuning.SchedulerParameters schedulerParameters(Affect affect);

    /**
     * Changes CPU scheduler parameters (virsh {@code schedinfo --set}). Periods 1000..1000000 µs,
     * quotas 1000..17592186044415 µs or negative for unlimited, shares 2..262144; 0 leaves a
     * running domain's value and removes it from the stored {@code <cputune>}. A refused value
     * changes nothing (INVALID_ARG, naming the parameter and its range).
     */
    void setSchedulerParameters(org.jvirt.tuning.SchedulerParameters change, Affect affect);

    /** Where the affected definition places memory (virsh {@code numatune}). */
    org.jvirt.tuning.NumaParameters numaParameters(Affect affect);

    /**
     * Changes the memory placement (virsh {@code numatune --mode --nodeset}). Live: only the nodes,
     * in strict or restrictive mode; every cgroup of the domain gets the new {@code cpuset.mems}
     * and the kernel moves the memory. A node the host lacks is INVALID_ARG; a new mode live is
     * OPERATION_INVALID.
     */
    void setNumaParameters(org.jvirt.tuning.NumaChange change, Affect affect);

    /**
     * Adds I/O thread {@code id} (virsh {@code iothreadadd}); live, the new thread is in its
     * cgroup with its inherited CPU set before this returns.
     */
    void addIothread(int id, Affect affect);

    /** Removes I/O thread {@code id} and its pin (virsh {@code iothreaddel}). */
    void deleteIothread(int id, Affect affect);

    /** Changes I/O thread {@code id}'s polling and worker pool (virsh {@code iothreadset}). */
    void setIothreadParameters(int id, org.jvirt.tuning.IothreadParameters parameters, Affect affect);

    /** Whether the domain starts when the host boots (virsh {@code autostart}). */
    Autostart autostart();

    /** Marks or unmarks the domain to start at boot; a transient domain is OPERATION_INVALID. */
    void setAutostart(Autostart autostart);

    /** The running domain's CPU time per host CPU and in total (virsh {@code cpu-stats}). */
    org.jvirt.stats.CpuStats cpuStats();

    /** The statistics groups asked for (virsh {@code domstats}). */
    org.jvirt.stats.DomainStats stats(java.util.Set<org.jvirt.stats.StatsGroup> groups);

    /**
     * A sample of the running domain's CPU and vCPU statistics every {@code interval} (at least
     * 10 ms), with each vCPU's CPU time and steal over the interval. Samples are taken while the
     * subscriber has demand (a slow subscriber gets the latest state, not a backlog); the
     * subscription ends with {@code onError} when the domain stops and {@code onComplete} when
     * the connection closes or the subscriber cancels.
     */
    java.util.concurrent.Flow.Publisher<org.jvirt.stats.StatsSample> statsSamples(java.time.Duration interval);
}
