package org.jvirt.pinning;

import org.jvirt.host.NumadAdvice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.EmulatorPin;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;
import org.jvirt.model.VcpuPin;
import org.jvirt.pinning.ResolvedSet.Reason;

/**
 * Computes where every thread of a domain may run (docs/pinning.md#which-cpus-a-thread-gets): a pure function of the
 * definition, the host topology and numad's advice. Drivers apply the result and never
 * re-derive it. Stateless and thread-safe.
 */
public final class PinningResolver {

    /** Which kind of resolution: it decides whether numad's advice (row 2 of 4.1) is used. */
    public enum Mode {
        /** Start and hotplug: a placement='auto' domain runs where numad said. */
        LIVE,
        /**
         * Config queries (e.g. {@code vcpupin --config}): the numad row is skipped, as libvirt
         * does, so an auto domain without pins shows all host CPUs.
         */
        CONFIG
    }

    /**
     * Resolves every vCPU 0..MAX-1 (offline ones too), the emulator and every I/O thread by the
     * precedence of docs/pinning.md#which-cpus-a-thread-gets: explicit pin, then numad (LIVE only), then
     * {@code <vcpu cpuset>}, then all online host CPUs.
     *
     * <p>libvirt: {@code qemuProcessSetupVcpu}/{@code qemuProcessSetupEmulator}/
     * {@code qemuProcessSetupIOThread} pick the same row order at start and hotplug, and also
     * apply the all-CPU mask explicitly because the daemon's own mask may be narrower. Its config
     * query ({@code virDomainDefGetVcpuPinInfoHelper}) skips numad.
     *
     * @param numad numad's advice; needed only in LIVE mode for a placement='auto' domain
     * @throws VirtException {@link ErrorCode#NUMAD} in LIVE mode for a placement='auto' domain
     *                       without usable advice
     */
    public EffectivePinning resolve(DomainDef def, HostTopology host, Optional<NumadAdvice> numad, Mode mode) {
        List<ResolvedSet> vcpus = new ArrayList<>(def.vcpu().max());
        for (int id = 0; id < def.vcpu().max(); id++) {
            vcpus.add(resolveVcpu(def, id, host, numad, mode));
        }
        Map<Integer, ResolvedSet> io = new TreeMap<>();
        for (int id : def.iothreads().ids()) {
            io.put(id, resolveIothread(def, id, host, numad, mode));
        }
        return EffectivePinning.of(vcpus, resolveEmulator(def, host, numad, mode), io);
    }

    /**
     * Where every thread of a domain placed as a whole runs (a driver without per-thread
     * placement: containers): rows 2 to 4 of the precedence, numad (LIVE only), then
     * {@code <vcpu cpuset>}, then all online host CPUs; explicit pins are kept in the definition
     * but not applied. Every vCPU 0..MAX-1 and the emulator get that one set; there are no I/O
     * threads.
     *
     * @throws VirtException {@link ErrorCode#NUMAD} in LIVE mode for a placement='auto' domain
     *                       without usable advice
     */
    public EffectivePinning resolveWhole(DomainDef def, HostTopology host, Optional<NumadAdvice> numad, Mode mode) {
        ResolvedSet set = pick(Optional.empty(), def, new Known(host), numad, mode);
        return EffectivePinning.of(java.util.Collections.nCopies(def.vcpu().max(), set), set, Map.of());
    }

    /**
     * The set of one vCPU, e.g. the one being hot-plugged: its stored {@code <vcpupin>} if any
     * (pins of offline vCPUs are kept for exactly this), else numad/cpuset/all host CPUs.
     * libvirt: {@code qemuProcessSetupVcpu} called from {@code qemuDomainHotplugAddVcpu}.
     */
    public ResolvedSet resolveVcpu(DomainDef def, int vcpu, HostTopology host, Optional<NumadAdvice> numad,
                                   Mode mode) {
        return resolveVcpu(def, vcpu, new Known(host), numad, mode);
    }

    /**
     * {@link #resolveVcpu(DomainDef, int, HostTopology, Optional, Mode)}, asking for the host only
     * when the set comes from it (numad's nodes, all host CPUs): a plug of a pinned vCPU or one
     * inheriting {@code <vcpu cpuset>} needs no host probe.
     */
    public ResolvedSet resolveVcpu(DomainDef def, int vcpu, Supplier<HostTopology> host, Optional<NumadAdvice> numad,
                                   Mode mode) {
        if (vcpu < 0 || vcpu >= def.vcpu().max()) {
            throw DefinitionKind.outOfRange(null, vcpu, def.vcpu().max());
        }
        Optional<VcpuPin> pin = def.cputune().vcpuPin(vcpu);
        return pick(pin.isPresent() ? Optional.of(pin.get().cpuset()) : Optional.empty(), def, host, numad, mode);
    }

    /**
     * The set of the emulator (main thread and every non-vCPU, non-I/O thread):
     * {@code <emulatorpin>}, numad, {@code <vcpu cpuset>}, all host CPUs. libvirt's emulator
     * <em>query</em> checks cpuset before numad; the parser drops cpuset under placement='auto',
     * so the orders never differ, and jvirt uses this one everywhere.
     */
    public ResolvedSet resolveEmulator(DomainDef def, HostTopology host, Optional<NumadAdvice> numad, Mode mode) {
        Optional<EmulatorPin> pin = def.cputune().emulatorPin();
        return pick(pin.isPresent() ? Optional.of(pin.get().cpuset()) : Optional.empty(), def, new Known(host), numad,
                mode);
    }

    /**
     * The set of I/O thread {@code id}: its {@code <iothreadpin>}, then the vCPU rows.
     * libvirt: {@code qemuProcessSetupIOThread}.
     *
     * @throws VirtException {@link ErrorCode#PIN_TARGET} when the domain has no such I/O thread
     */
    public ResolvedSet resolveIothread(DomainDef def, int id, HostTopology host, Optional<NumadAdvice> numad,
                                       Mode mode) {
        if (!def.iothreads().has(id)) {
            throw VirtException.of(ErrorCode.PIN_TARGET, ErrorDomain.PINNING, "iothreadpin: no I/O thread %d", id);
        }
        return pick(def.cputune().iothreadPin(id).map(IothreadPin::cpuset), def, new Known(host), numad, mode);
    }

    /**
     * A host already known, as a supplier: a class rather than {@code () -> host}, whose call site
     * JDK 17 links at run time in every one-shot command that starts a domain.
     */
    private record Known(HostTopology host) implements Supplier<HostTopology> {
        @Override
        public HostTopology get() {
            return host;
        }
    }

    private static ResolvedSet pick(Optional<CpuSet> pin, DomainDef def, Supplier<HostTopology> host,
                                    Optional<NumadAdvice> numad, Mode mode) {
        if (pin.isPresent()) {
            return new ResolvedSet(pin.get(), Reason.EXPLICIT_PIN);
        }
        if (mode == Mode.LIVE && def.vcpu().placement() == Placement.AUTO) {
            return new ResolvedSet(numadCpus(numad, host.get()), Reason.NUMAD);
        }
        if (def.vcpu().cpuset().isPresent()) {
            return new ResolvedSet(def.vcpu().cpuset().get(), Reason.VCPU_CPUSET);
        }
        return new ResolvedSet(host.get().online(), Reason.ALL_HOST_CPUS);
    }

    /** The numad CPU set, or {@link ErrorCode#NUMAD} (V25) when there is no usable advice. */
    static CpuSet numadCpus(Optional<NumadAdvice> numad, HostTopology host) {
        if (numad.isEmpty()) {
            throw VirtException.of(ErrorCode.NUMAD, ErrorDomain.PINNING, "numad gave no placement advice");
        }
        CpuSet cpus = numad.get().cpus(host);
        if (cpus.isEmpty()) {
            throw VirtException.of(ErrorCode.NUMAD, ErrorDomain.PINNING,
                    "numad gave no placement advice: advised host nodes '%s' have no online CPU",
                    numad.get().nodeset().format());
        }
        return cpus;
    }

    /**
     * The initial CPU mask of the QEMU process before it executes (docs/pinning.md#numatune-interplay): the CPUs of
     * the strict numatune node set (numad's nodes under placement='auto') when the memory mode is
     * strict and the guest has at most one NUMA cell; else {@code <emulatorpin>}; else all online
     * host CPUs. Every thread is corrected by {@link #resolve} once it is known.
     * libvirt: {@code qemuProcessInitCpuAffinity}.
     *
     * @throws VirtException {@link ErrorCode#NUMAD} when the strict node set comes from numad and
     *                       there is no advice; {@link ErrorCode#HOST_CPU} when the node set has
     *                       no online CPU
     */
    public CpuSet spawnMask(DomainDef def, HostTopology host, Optional<NumadAdvice> numad) {
        Optional<NumaTune.Memory> memory = def.numaMemory();
        int guestCells = def.cpu().map(c -> c.numaCells().size()).orElse(0);
        if (memory.isPresent() && memory.get().mode() == NumaMode.STRICT && guestCells <= 1) {
            Optional<CpuSet> nodes = memory.get().placement() == Placement.AUTO
                    ? Optional.of(numad.orElseThrow(() -> VirtException.of(ErrorCode.NUMAD, ErrorDomain.PINNING,
                            "numad gave no placement advice")).nodeset())
                    : memory.get().nodeset();
            if (nodes.isPresent()) {
                CpuSet cpus = host.cpusOfCells(nodes.get()).intersect(host.online());
                if (cpus.isEmpty()) {
                    throw VirtException.of(ErrorCode.HOST_CPU, ErrorDomain.PINNING,
                            "numatune: host NUMA nodes '%s' have no online CPU", nodes.get().format());
                }
                return cpus;
            }
        }
        return def.cputune().emulatorPin().map(EmulatorPin::cpuset).orElse(host.online());
    }

    /**
     * V24: every resolved set (LIVE mode) of an online vCPU, the emulator and every I/O thread
     * that names a CPU which is not online on the host; one finding per setting (the lowest
     * offending CPU), vCPUs first, then the emulator, then I/O threads. Empty when all is well.
     * Define accepts such CPUs; only start and live changes fail (libvirt: the
     * {@code cpuset.cpus} write fails with ERANGE at start).
     */
    public List<HostCpuViolation> hostCpuViolations(DomainDef def, HostTopology host, Optional<NumadAdvice> numad) {
        EffectivePinning p = resolve(def, host, numad, Mode.LIVE);
        Map<String, HostCpuViolation> found = new LinkedHashMap<>();
        for (int id = 0; id < def.vcpu().max(); id++) {
            if (def.vcpu().isOnline(id)) {
                check(found, source(p.vcpus().get(id).reason(), "vcpupin " + id), p.vcpus().get(id), host);
            }
        }
        check(found, source(p.emulator().reason(), "emulatorpin"), p.emulator(), host);
        for (Map.Entry<Integer, ResolvedSet> e : p.iothreads().entrySet()) {
            check(found, source(e.getValue().reason(), "iothreadpin " + e.getKey()), e.getValue(), host);
        }
        return List.copyOf(found.values());
    }

    private static String source(Reason reason, String explicitName) {
        return switch (reason) {
            case EXPLICIT_PIN -> explicitName;
            case NUMAD -> "numad";
            case VCPU_CPUSET -> "vcpu cpuset";
            case ALL_HOST_CPUS -> "host";
        };
    }

    private static void check(Map<String, HostCpuViolation> found, String source, ResolvedSet set, HostTopology host) {
        int bad = set.cpus().minus(host.online()).first();
        if (bad >= 0) {
            found.putIfAbsent(source, new HostCpuViolation(source, bad));
        }
    }
}
