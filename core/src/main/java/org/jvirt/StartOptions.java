package org.jvirt;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Options of {@link Domain#start} and {@link Connection#createXml}, as a set of {@link Flag}s.
 *
 * @param flags the flags; copied
 */
public record StartOptions(Set<Flag> flags) {
    /** One option of a start (virsh {@code start}'s flags). */
    public enum Flag {
        /** Start with the vCPUs stopped (virsh {@code --paused}). */
        PAUSED,
        /** Destroy the domain when the connection that started it closes (virsh {@code --autodestroy}). */
        AUTODESTROY
    }

    public static final StartOptions DEFAULT = of();
    public static final StartOptions PAUSED = of(Flag.PAUSED);

    public StartOptions {
        Objects.requireNonNull(flags, "flags");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public static StartOptions of(Flag... flags) {
        return new StartOptions(Set.of(flags));
    }

    public boolean paused() {
        return flags.contains(Flag.PAUSED);
    }

    public boolean autodestroy() {
        return flags.contains(Flag.AUTODESTROY);
    }
}
