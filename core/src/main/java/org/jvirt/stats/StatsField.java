package org.jvirt.stats;

import java.util.Objects;

/**
 * One field of a {@code virsh domstats} record as libvirt names and types it
 * ({@code vcpu.0.time}, an unsigned long long).
 */
public record StatsField(String name, Type type, long value) {
    /** libvirt's typed-parameter types used by the statistics. */
    public enum Type {
        INT,
        UINT,
        LLONG,
        ULLONG
    }

    public StatsField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** The value as virsh prints it (unsigned ones as unsigned). */
    public String text() {
        return switch (type) {
            case UINT -> Integer.toUnsignedString((int) value);
            case ULLONG -> Long.toUnsignedString(value);
            default -> Long.toString(value);
        };
    }
}
