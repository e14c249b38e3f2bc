package org.jvirt;

import java.util.Objects;

/** A domain's state with its reason. */
public record StateInfo(DomainState state, StateReason reason) {
    public StateInfo {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }

    /** virsh's {@code domstate --reason} text, e.g. {@code running (booted)}. */
    public String describe() {
        return state.label() + " (" + reason.label() + ")";
    }
}
