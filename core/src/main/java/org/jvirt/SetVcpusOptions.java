package org.jvirt;

import java.util.Objects;

/**
 * Options of {@link Domain#setVcpus}: which definition, and whether the maximum (config only)
 * changes, whether added vCPUs become hotpluggable, or whether only the guest agent toggles CPUs.
 */
public record SetVcpusOptions(Affect affect, boolean maximum, boolean hotpluggable, boolean guest) {
    public SetVcpusOptions {
        Objects.requireNonNull(affect, "affect");
    }

    public static SetVcpusOptions of(Affect affect) {
        return new SetVcpusOptions(affect, false, false, false);
    }

    public SetVcpusOptions withMaximum() {
        return new SetVcpusOptions(affect, true, hotpluggable, guest);
    }

    public SetVcpusOptions withHotpluggable() {
        return new SetVcpusOptions(affect, maximum, true, guest);
    }
}
