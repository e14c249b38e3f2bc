package org.jvirt;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which domains {@link Connection#listDomains} returns, as a set of {@link Flag}s (virsh
 * {@code list}'s flags). Within each pair (active/inactive, persistent/transient) neither or
 * both means either.
 *
 * @param flags the flags; copied
 */
public record ListFilter(Set<Flag> flags) {
    /** One condition on a listed domain. */
    public enum Flag {
        /** Running or paused. */
        ACTIVE,
        /** Shut off. */
        INACTIVE,
        /** With a persistent definition. */
        PERSISTENT,
        /** Without one (gone once it stops). */
        TRANSIENT
    }

    public static final ListFilter ALL = of();
    public static final ListFilter ACTIVE = of(Flag.ACTIVE);
    public static final ListFilter INACTIVE = of(Flag.INACTIVE);
    public static final ListFilter PERSISTENT = of(Flag.PERSISTENT);
    public static final ListFilter TRANSIENT = of(Flag.TRANSIENT);

    public ListFilter {
        Objects.requireNonNull(flags, "flags");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** The filter of these flags, e.g. {@code ListFilter.of(Flag.ACTIVE, Flag.PERSISTENT)}. */
    public static ListFilter of(Flag... flags) {
        return new ListFilter(Set.of(flags));
    }

    /** Whether a domain that is (or is not) active and persistent passes. */
    public boolean accepts(boolean isActive, boolean isPersistent) {
        return either(Flag.ACTIVE, Flag.INACTIVE, isActive) && either(Flag.PERSISTENT, Flag.TRANSIENT, isPersistent);
    }

    private boolean either(Flag yes, Flag no, boolean value) {
        boolean y = flags.contains(yes);
        boolean n = flags.contains(no);
        return y == n || (y ? value : !value);
    }
}
