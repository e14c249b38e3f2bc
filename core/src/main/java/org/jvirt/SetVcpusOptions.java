package org.jvirt;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Options of {@link Domain#setVcpus}: which definition, and {@link Flag}s.
 *
 * @param affect which definition
 * @param flags  the flags; copied
 */
public record SetVcpusOptions(Affect affect, Set<Flag> flags) {
    /** One option of a vCPU count change (virsh {@code setvcpus}'s flags). */
    public enum Flag {
        /** Change the maximum (config only), not the current count. */
        MAXIMUM,
        /** vCPUs added to the definition become hot-pluggable. */
        HOTPLUGGABLE,
        /** Only the guest agent toggles CPUs inside the guest. */
        GUEST
    }

    public SetVcpusOptions {
        Objects.requireNonNull(affect, "affect");
        Objects.requireNonNull(flags, "flags");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public static SetVcpusOptions of(Affect affect, Flag... flags) {
        return new SetVcpusOptions(affect, Set.of(flags));
    }

    public SetVcpusOptions withMaximum() {
        return with(Flag.MAXIMUM);
    }

    public SetVcpusOptions withHotpluggable() {
        return with(Flag.HOTPLUGGABLE);
    }

    private SetVcpusOptions with(Flag flag) {
        EnumSet<Flag> more = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
        more.add(flag);
        return new SetVcpusOptions(affect, more);
    }

    public boolean maximum() {
        return flags.contains(Flag.MAXIMUM);
    }

    public boolean hotpluggable() {
        return flags.contains(Flag.HOTPLUGGABLE);
    }

    public boolean guest() {
        return flags.contains(Flag.GUEST);
    }
}
