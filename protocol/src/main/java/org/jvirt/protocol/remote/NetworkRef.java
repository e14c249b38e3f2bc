package org.jvirt.protocol.remote;

import java.util.Objects;
import java.util.UUID;

/** How a network is named on the wire (it appears in error replies). */
public record NetworkRef(String name, UUID uuid) {
    public NetworkRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
