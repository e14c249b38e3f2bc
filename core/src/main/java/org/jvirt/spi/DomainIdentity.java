package org.jvirt.spi;

import java.util.Objects;
import java.util.UUID;

/** A domain's name and UUID: all a handle needs ({@link DomainOps#identifyByName}). */
public record DomainIdentity(String name, UUID uuid) {
    public DomainIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }

    static DomainIdentity of(DomainSummary s) {
        return new DomainIdentity(s.name(), s.uuid());
    }
}
