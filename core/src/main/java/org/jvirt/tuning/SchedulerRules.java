package org.jvirt.tuning;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuTune;

/**
 * What a scheduler parameter change means (libvirt's rules): each value within its range
 * (periods 1000..1000000 µs, quotas 1000..17592186044415 µs or negative for unlimited, shares
 * 2..262144); 0 leaves a running domain's value as it is and removes it from a stored
 * definition; a negative quota is stored as -1. Pure functions over {@link CpuTune}.
 */
public final class SchedulerRules {
    /** What the kernel applies when a definition sets nothing. */
    public static final long DEFAULT_SHARES = 1024;
    public static final long DEFAULT_PERIOD = 100000;
    public static final long UNLIMITED = -1;

    private SchedulerRules() {
    }

    /**
     * Checks {@code change} against {@code allowed} (the driver's parameters) and the ranges;
     * nothing is changed by a refused value.
     *
     * @param live whether the change reaches a running domain (shares 0 cannot be applied there)
     */
    public static void check(SchedulerParameters change, Set<SchedulerParameter> allowed, boolean live) {
        for (Map.Entry<SchedulerParameter, Long> e : change.values().entrySet()) {
            SchedulerParameter p = e.getKey();
            long v = e.getValue();
            if (!allowed.contains(p)) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                        "invalid scheduler option: %s (this driver has %s)", p.field(), names(allowed));
            }
            SchedulerParameter.Kind k = p.kind();
            boolean bad = switch (k) {
                case SHARES -> (v != 0 || live) && (v < k.min() || v > k.max());
                case PERIOD -> v < 0 || (v > 0 && v < k.min()) || v > k.max();
                case QUOTA -> (v > 0 && v < k.min()) || v > k.max();
            };
            if (bad) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.DOMAIN_CONF,
                        "value of '%s' is out of range [%d, %d]%s", p.field(), k.min(), k.max(), meaning(k));
            }
        }
    }

    private static String meaning(SchedulerParameter.Kind k) {
        return switch (k) {
            case SHARES -> "";
            case PERIOD -> " (0: unchanged)";
            case QUOTA -> " (0: unchanged, negative: unlimited)";
        };
    }

    private static String names(Set<SchedulerParameter> allowed) {
        return String.join(", ", allowed.stream().map(SchedulerParameter::field).toList());
    }

    /** The change a running domain gets: 0 values dropped (no change), negative quotas as -1. */
    public static SchedulerParameters forLive(SchedulerParameters change) {
        SchedulerParameters out = SchedulerParameters.NONE;
        for (Map.Entry<SchedulerParameter, Long> e : change.values().entrySet()) {
            long v = e.getValue();
            if (v != 0) {
                out = out.with(e.getKey(), v < 0 ? UNLIMITED : v);
            }
        }
        return out;
    }

    /** {@code t} with {@code change} made: a 0 value removes the element, a negative quota is -1. */
    public static CpuTune apply(CpuTune t, SchedulerParameters change) {
        OptionalLong[] v = {t.shares(), t.period(), t.quota(), t.emulatorPeriod(), t.emulatorQuota(),
            t.globalPeriod(), t.globalQuota(), t.iothreadPeriod(), t.iothreadQuota()};
        for (Map.Entry<SchedulerParameter, Long> e : change.values().entrySet()) {
            long x = e.getValue();
            v[e.getKey().ordinal()] = x == 0 ? OptionalLong.empty() : OptionalLong.of(x < 0 ? UNLIMITED : x);
        }
        return new CpuTune(v[0], v[1], v[2], v[5], v[6], v[3], v[4], v[7], v[8], t.vcpuPins(), t.emulatorPin(),
                t.iothreadPins(), t.emulatorSched(), t.vcpuScheds(), t.iothreadScheds(), t.extras());
    }

    /** The value {@code p} has in {@code t}, if set. */
    public static OptionalLong valueIn(CpuTune t, SchedulerParameter p) {
        return switch (p) {
            case CPU_SHARES -> t.shares();
            case VCPU_PERIOD -> t.period();
            case VCPU_QUOTA -> t.quota();
            case EMULATOR_PERIOD -> t.emulatorPeriod();
            case EMULATOR_QUOTA -> t.emulatorQuota();
            case GLOBAL_PERIOD -> t.globalPeriod();
            case GLOBAL_QUOTA -> t.globalQuota();
            case IOTHREAD_PERIOD -> t.iothreadPeriod();
            case IOTHREAD_QUOTA -> t.iothreadQuota();
        };
    }

    /** A stored definition's values of {@code params}: what is not set reads 0, as in libvirt. */
    public static SchedulerParameters ofDefinition(CpuTune t, Set<SchedulerParameter> params) {
        SchedulerParameters out = SchedulerParameters.NONE;
        for (SchedulerParameter p : params) {
            out = out.with(p, valueIn(t, p).orElse(0));
        }
        return out;
    }

    /**
     * A running domain's values as the kernel applies a definition: shares 1024, periods 100000
     * µs and quotas unlimited where nothing is set (the simulated domains of the test driver).
     */
    public static SchedulerParameters applied(CpuTune t, Set<SchedulerParameter> params) {
        SchedulerParameters out = SchedulerParameters.NONE;
        for (SchedulerParameter p : params) {
            long dflt = switch (p.kind()) {
                case SHARES -> DEFAULT_SHARES;
                case PERIOD -> DEFAULT_PERIOD;
                case QUOTA -> UNLIMITED;
            };
            out = out.with(p, valueIn(t, p).orElse(dflt));
        }
        return out;
    }
}
