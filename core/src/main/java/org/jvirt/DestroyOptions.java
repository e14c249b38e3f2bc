package org.jvirt;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Options of {@link Domain#destroy(DestroyOptions)}, as a set of {@link Flag}s.
 *
 * @param flags the flags; copied
 */
public record DestroyOptions(Set<Flag> flags) {
    /** One option of a destroy (virsh {@code destroy}'s flags). */
    public enum Flag {
        /**
         * Only ask the process to end (SIGTERM) and wait for it, never kill it; when it does not
         * end in time the destroy fails and the domain stays running (virsh {@code --graceful}).
         */
        GRACEFUL
    }

    public static final DestroyOptions DEFAULT = of();
    public static final DestroyOptions GRACEFUL = of(Flag.GRACEFUL);

    public DestroyOptions {
        Objects.requireNonNull(flags, "flags");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public static DestroyOptions of(Flag... flags) {
        return new DestroyOptions(Set.of(flags));
    }

    public boolean graceful() {
        return flags.contains(Flag.GRACEFUL);
    }
}
