package org.jvirt.protocol.remote;

import java.util.Objects;
import java.util.UUID;

/** How a domain is named on the wire: name, UUID and id (-1 when not running). */
public record DomainRef(String name, UUID uuid, int id) {
    public DomainRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
