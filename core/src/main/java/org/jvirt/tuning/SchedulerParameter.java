package org.jvirt.tuning;

import java.util.Optional;

/**
 * One CPU scheduler parameter of a domain ({@code virsh schedinfo}), named as libvirt names it
 * on the wire and in virsh, with its {@code <cputune>} element. Periods and quotas are in
 * microseconds; shares are a relative weight.
 */
public enum SchedulerParameter {
    CPU_SHARES("cpu_shares", Kind.SHARES, "shares"),
    VCPU_PERIOD("vcpu_period", Kind.PERIOD, "period"),
    VCPU_QUOTA("vcpu_quota", Kind.QUOTA, "quota"),
    EMULATOR_PERIOD("emulator_period", Kind.PERIOD, "emulator_period"),
    EMULATOR_QUOTA("emulator_quota", Kind.QUOTA, "emulator_quota"),
    GLOBAL_PERIOD("global_period", Kind.PERIOD, "global_period"),
    GLOBAL_QUOTA("global_quota", Kind.QUOTA, "global_quota"),
    IOTHREAD_PERIOD("iothread_period", Kind.PERIOD, "iothread_period"),
    IOTHREAD_QUOTA("iothread_quota", Kind.QUOTA, "iothread_quota");

    /** What a parameter holds, which decides its range and what 0 and negative values mean. */
    public enum Kind {
        /** 2..262144 (0 in a stored definition: none given). */
        SHARES(2, 262144),
        /** 1000..1000000 µs; 0: unchanged live, removed from the definition. */
        PERIOD(1000, 1000000),
        /** 1000..17592186044415 µs; negative: unlimited (stored as -1); 0 as for a period. */
        QUOTA(1000, 17592186044415L);

        private final long min;
        private final long max;

        Kind(long min, long max) {
            this.min = min;
            this.max = max;
        }

        public long min() {
            return min;
        }

        public long max() {
            return max;
        }
    }

    private final String field;
    private final Kind kind;
    private final String element;

    SchedulerParameter(String field, Kind kind, String element) {
        this.field = field;
        this.kind = kind;
        this.element = element;
    }

    /** libvirt's name ({@code cpu_shares}, {@code vcpu_quota}, ...). */
    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }

    /** The child of {@code <cputune>} that stores it ({@code shares}, {@code period}, ...). */
    public String element() {
        return element;
    }

    /** Whether libvirt carries it as a signed number (quotas) rather than an unsigned one. */
    public boolean signed() {
        return kind == Kind.QUOTA;
    }

    /** The parameter libvirt calls {@code field}, if any. */
    public static Optional<SchedulerParameter> ofField(String field) {
        for (SchedulerParameter p : values()) {
            if (p.field.equals(field)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
