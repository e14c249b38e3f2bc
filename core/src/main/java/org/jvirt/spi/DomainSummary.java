package org.jvirt.spi;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;

import org.jvirt.StateInfo;

/** A snapshot of a domain's identity and state, as a driver reports it. */
public record DomainSummary(String name, UUID uuid, OptionalInt id, boolean persistent, StateInfo state) {
    public DomainSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    public boolean active() {
        return state.state().isActive();
    }
}
