package org.jvirt.tuning;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A set of scheduler parameter values: what {@code Domain.schedulerParameters} reports (every
 * parameter the driver has, in libvirt's order), or a change to make (only the parameters to
 * set). Immutable; {@link #with} returns a new value.
 *
 * <pre>{@code
 * SchedulerParameters change = SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 2048)
 *         .with(SchedulerParameter.VCPU_QUOTA, 50000);
 * }</pre>
 */
public final class SchedulerParameters {
    public static final SchedulerParameters NONE = new SchedulerParameters(new EnumMap<>(SchedulerParameter.class));

    private final Map<SchedulerParameter, Long> values;

    private SchedulerParameters(EnumMap<SchedulerParameter, Long> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static SchedulerParameters of(SchedulerParameter p, long value) {
        return NONE.with(p, value);
    }

    public static SchedulerParameters of(Map<SchedulerParameter, Long> values) {
        EnumMap<SchedulerParameter, Long> copy = new EnumMap<>(SchedulerParameter.class);
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "parameter"), Objects.requireNonNull(v, "value")));
        return new SchedulerParameters(copy);
    }

    /** These values and {@code p} = {@code value} (replacing an earlier value of {@code p}). */
    public SchedulerParameters with(SchedulerParameter p, long value) {
        EnumMap<SchedulerParameter, Long> copy = values.isEmpty() ? new EnumMap<>(SchedulerParameter.class)
                : new EnumMap<>(values);
        copy.put(Objects.requireNonNull(p, "parameter"), value);
        return new SchedulerParameters(copy);
    }

    public OptionalLong get(SchedulerParameter p) {
        Long v = values.get(p);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** Every value, in libvirt's order of parameters. */
    public Map<SchedulerParameter, Long> values() {
        return values;
    }

    public Set<SchedulerParameter> parameters() {
        return values.keySet();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchedulerParameters other && other.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SchedulerParameters[");
        values.forEach((k, v) -> out.append(out.length() > 20 ? ", " : "").append(k.field()).append('=').append(v));
        return out.append(']').toString();
    }
}
