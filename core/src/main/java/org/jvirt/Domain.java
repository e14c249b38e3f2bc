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
    String name();

    UUID uuid();

    /** The id while running. */
    OptionalInt id();

    void start(StartOptions options);

    default void start() {
        start(StartOptions.DEFAULT);
    }

    /** Stops at once (the process is killed); the state becomes shut off (destroyed). */
    default void destroy() {
        destroy(DestroyOptions.DEFAULT);
    }

    /** {@link #destroy()}, or with {@link DestroyOptions#GRACEFUL} SIGTERM only (see there). */
    void destroy(DestroyOptions options);

    /** Asks the guest to shut down (ACPI power button / SIGTERM to init). */
    void shutdown();

    void reboot();

    void suspend();

    void resume();

    /** Removes the persistent definition; a running domain becomes transient. */
    void undefine();

    StateInfo state();

    DomainInfo info();

    /** The live definition when running (unless {@code inactive}), else the persistent one. */
    String xml(boolean inactive);

    default String xml() {
        return xml(false);
    }

    DomainDef definition(boolean inactive);

    boolean isActive();

    boolean isPersistent();

    void pinVcpu(int vcpu, CpuSet cpus, Affect affect);

    /** The resolved set of every vCPU 0..MAX-1 of the affected definition. */
    List<CpuSet> vcpuPinInfo(Affect affect);

    void pinEmulator(CpuSet cpus, Affect affect);

    CpuSet emulatorPinInfo(Affect affect);

    void pinIothread(int iothread, CpuSet cpus, Affect affect);

    List<IothreadInfo> iothreadInfo(Affect affect);

    void setVcpus(int count, SetVcpusOptions options);

    /** Turns the vCPUs {@code ids} on or off individually. */
    void setVcpu(CpuSet ids, boolean enable, Affect affect);

    VcpuCount vcpuCount();

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
}
