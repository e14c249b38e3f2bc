package org.jvirt.pinning;

import static org.jvirt.pinning.VcpuRules.error;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.CpuTune;
import org.jvirt.model.DefinitionWarning;
import org.jvirt.model.DomainDef;
import org.jvirt.model.IothreadPin;
import org.jvirt.model.Placement;
import org.jvirt.model.ThreadSched;
import org.jvirt.model.VcpuPin;

/** The semantic rules on {@code <cputune>}: V14 (warning), V15, V18, V19, V20, V27. */
final class CpuTuneRules {
    static final long SHARES_MIN = 2;
    static final long SHARES_MAX = 262144;
    static final long PERIOD_MIN = 1000;
    static final long PERIOD_MAX = 1000000;
    static final long QUOTA_MIN = 1000;
    static final long QUOTA_MAX = 17592186044415L;

    /** The message of V27, also used by the live/config emulator pin. */
    static final String V27 = "emulatorpin: not allowed with placement='auto': numad decides where the emulator runs";

    private CpuTuneRules() {
    }

    static void check(DomainDef def, List<DefinitionWarning> warnings) {
        CpuTune t = def.cputune();
        int max = def.vcpu().max();
        checkVcpuPins(t, max, warnings);
        if (t.emulatorPin().isPresent()) {
            if (t.emulatorPin().get().cpuset().isEmpty()) {
                throw empty("emulatorpin");
            }
            if (def.vcpu().placement() == Placement.AUTO) {
                throw error(ErrorCode.CONFIG_UNSUPPORTED, V27);
            }
        }
        checkIothreadPins(def, t);
        checkScheds(def, t);
        checkRanges(t);
    }

    private static VirtException empty(String where) {
        return error(ErrorCode.CPUSET_EMPTY, "%s: CPU set '' selects no CPU", where);
    }

    private static void checkVcpuPins(CpuTune t, int max, List<DefinitionWarning> warnings) {
        Set<Integer> seen = new HashSet<>();
        for (VcpuPin p : t.vcpuPins()) {
            if (!seen.add(p.vcpu())) {
                throw error(ErrorCode.PIN_DUPLICATE, "vcpupin: vCPU %d is pinned twice", p.vcpu());
            }
            if (p.cpuset().isEmpty()) {
                throw empty("vcpupin");
            }
            if (p.vcpu() >= max) {
                warnings.add(new DefinitionWarning(DefinitionWarning.Kind.SETTING_DROPPED, "/domain/cputune/vcpupin",
                        String.format("vcpupin for vCPU %d ignored: domain has %d vCPUs", p.vcpu(), max)));
            }
        }
    }

    /** V18: iothread 0 and unknown ids are PIN_TARGET; a second pin of one thread PIN_DUPLICATE. */
    private static void checkIothreadPins(DomainDef def, CpuTune t) {
        Set<Integer> seen = new HashSet<>();
        for (IothreadPin p : t.iothreadPins()) {
            if (!def.iothreads().has(p.iothread())) {
                throw error(ErrorCode.PIN_TARGET, "iothreadpin: no I/O thread %d", p.iothread());
            }
            if (!seen.add(p.iothread())) {
                throw error(ErrorCode.PIN_DUPLICATE, "iothreadpin: I/O thread %d is pinned twice", p.iothread());
            }
            if (p.cpuset().isEmpty()) {
                throw empty("iothreadpin");
            }
        }
    }

    /** V19: vcpusched sets within 0..MAX-1 and disjoint; the same for iothreadsched and thread ids. */
    private static void checkScheds(DomainDef def, CpuTune t) {
        int max = def.vcpu().max();
        CpuSet used = CpuSet.EMPTY;
        for (ThreadSched s : t.vcpuScheds()) {
            CpuSet ids = s.ids().orElse(CpuSet.EMPTY);
            if (ids.last() >= max) {
                throw error(ErrorCode.PIN_TARGET, "vcpusched: vCPU %d is not below the maximum %d", ids.last(), max);
            }
            if (ids.intersects(used)) {
                throw error(ErrorCode.PIN_TARGET, "vcpusched: vCPU %d is in more than one vcpusched",
                        ids.intersect(used).first());
            }
            used = used.union(ids);
        }
        used = CpuSet.EMPTY;
        for (ThreadSched s : t.iothreadScheds()) {
            CpuSet ids = s.ids().orElse(CpuSet.EMPTY);
            for (int id : ids.stream().toArray()) {
                if (!def.iothreads().has(id)) {
                    throw error(ErrorCode.PIN_TARGET, "iothreadsched: no I/O thread %d", id);
                }
            }
            if (ids.intersects(used)) {
                throw error(ErrorCode.PIN_TARGET, "iothreadsched: I/O thread %d is in more than one iothreadsched",
                        ids.intersect(used).first());
            }
            used = used.union(ids);
        }
    }

    /**
     * V20: the ranges of the tunables (docs/pinning.md, "Validation rules"). Shares 0 is accepted
     * and kept, as libvirt does; a driver that writes it to a cgroup fails the start, as libvirt's
     * QEMU driver does (the cgroup takes 2 to 262144).
     */
    private static void checkRanges(CpuTune t) {
        if (t.shares().isPresent() && t.shares().getAsLong() != 0) {
            within("shares", t.shares().getAsLong(), SHARES_MIN, SHARES_MAX);
        }
        period("period", t.period());
        quota("quota", t.quota());
        period("global_period", t.globalPeriod());
        quota("global_quota", t.globalQuota());
        period("emulator_period", t.emulatorPeriod());
        quota("emulator_quota", t.emulatorQuota());
        period("iothread_period", t.iothreadPeriod());
        quota("iothread_quota", t.iothreadQuota());
    }

    /** 0 means unset. */
    private static void period(String name, OptionalLong value) {
        if (value.isPresent() && value.getAsLong() != 0) {
            within(name, value.getAsLong(), PERIOD_MIN, PERIOD_MAX);
        }
    }

    /** 0 means unset, negative means unlimited. */
    private static void quota(String name, OptionalLong value) {
        if (value.isPresent() && value.getAsLong() > 0) {
            within(name, value.getAsLong(), QUOTA_MIN, QUOTA_MAX);
        }
    }

    private static void within(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw error(ErrorCode.TUNABLE_RANGE, "cputune: %s must be within [%d, %d]", name, min, max);
        }
    }

    /** True when any CFS bandwidth setting (period or quota of any kind) is set (V26). */
    static boolean hasBandwidth(CpuTune t) {
        for (OptionalLong v : List.of(t.period(), t.quota(), t.globalPeriod(), t.globalQuota(), t.emulatorPeriod(),
                t.emulatorQuota(), t.iothreadPeriod(), t.iothreadQuota())) {
            if (v.isPresent() && v.getAsLong() != 0) {
                return true;
            }
        }
        return false;
    }
}
