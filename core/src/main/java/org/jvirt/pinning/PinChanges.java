package org.jvirt.pinning;

import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.Placement;
import org.jvirt.model.VcpuPin;

/**
 * The pin APIs as pure functions (docs/pinning.md#pins-vcpupin-emulatorpin-iothreadpin): each checks the
 * request against one
 * definition and returns the definition with the new explicit pin. Which definitions are
 * affected (LIVE, CONFIG, CURRENT), NOT_RUNNING, transient domains, and applying the set to
 * cgroups and threads are the driver's; a driver calls the function once per affected
 * definition, so LIVE and CONFIG stay independent.
 *
 * <p>The stored pin is explicit from then on, even when it equals the inherited set
 * ({@code vcpupin D 1 r} stores all host CPUs). There is no way to delete a pin.
 */
public final class PinChanges {
    private PinChanges() {
    }

    /** As {@link #pinVcpu(DomainDef, DefinitionKind, int, CpuSet)} with messages that name no definition. */
    public static DomainDef pinVcpu(DomainDef def, int vcpu, CpuSet cpuset) {
        return pinVcpu(def, null, vcpu, cpuset);
    }

    /**
     * Pins {@code vcpu} to {@code cpuset}. The vCPU may be offline (the pin is stored and applied
     * when it is hot-plugged); it must be below the maximum, not the current count.
     * libvirt: {@code qemuDomainPinVcpuFlags}.
     *
     * @param kind which definition this is, for the message; {@code null} for none
     * @throws VirtException {@link ErrorCode#INVALID_ARG} ({@code vcpu 9 is out of range: the live
     *                       definition has vCPUs 0-3 (maximum 4)}) when {@code vcpu} is not below MAX;
     *                       {@link ErrorCode#CPUSET_EMPTY} for an empty set
     */
    public static DomainDef pinVcpu(DomainDef def, DefinitionKind kind, int vcpu, CpuSet cpuset) {
        int max = def.vcpu().max();
        if (vcpu < 0 || vcpu >= max) {
            throw DefinitionKind.outOfRange(kind, vcpu, max);
        }
        requireNonEmpty("vcpupin", cpuset);
        return def.withCputune(def.cputune().withVcpuPin(new VcpuPin(vcpu, cpuset)));
    }

    /**
     * Pins every emulator thread to {@code cpuset}. libvirt: {@code qemuDomainPinEmulator}
     * (which, unlike jvirt, accepts it under placement='auto').
     *
     * @throws VirtException {@link ErrorCode#CPUSET_EMPTY} for an empty set;
     *                       {@link ErrorCode#CONFIG_UNSUPPORTED} (V27) when the vCPU placement is 'auto'
     */
    public static DomainDef pinEmulator(DomainDef def, CpuSet cpuset) {
        requireNonEmpty("emulatorpin", cpuset);
        if (def.vcpu().placement() == Placement.AUTO) {
            throw error(ErrorCode.CONFIG_UNSUPPORTED, CpuTuneRules.V27);
        }
        return def.withCputune(def.cputune().withEmulatorPin(Optional.of(new EmulatorPin(cpuset))));
    }

    /**
     * Pins I/O thread {@code iothread} to {@code cpuset}. libvirt: {@code qemuDomainPinIOThread}.
     *
     * @throws VirtException {@link ErrorCode#PIN_TARGET} {@code iothreadpin: no I/O thread %d};
     *                       {@link ErrorCode#CPUSET_EMPTY} for an empty set
     */
    public static DomainDef pinIothread(DomainDef def, int iothread, CpuSet cpuset) {
        if (!def.iothreads().has(iothread)) {
            throw error(ErrorCode.PIN_TARGET, "iothreadpin: no I/O thread %d", iothread);
        }
        requireNonEmpty("iothreadpin", cpuset);
        return def.withCputune(def.cputune().withIothreadPin(new IothreadPin(iothread, cpuset)));
    }

    private static void requireNonEmpty(String where, CpuSet cpuset) {
        if (cpuset.isEmpty()) {
            throw error(ErrorCode.CPUSET_EMPTY, "%s: CPU set '' selects no CPU", where);
        }
    }

    static VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.PINNING, format, args);
    }
}
