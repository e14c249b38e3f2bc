package org.jvirt;

/** Why a domain is in its state (virsh {@code domstate --reason}). */
public enum StateReason {
    UNKNOWN("unknown"),
    // running
    BOOTED("booted"),
    UNPAUSED("unpaused"),
    // paused
    USER("user"),
    STARTING_UP("starting up"),
    // shut off
    SHUTDOWN("shutdown"),
    DESTROYED("destroyed"),
    CRASHED("crashed"),
    FAILED("failed"),
    // crashed / in shutdown
    PANICKED("panicked");

    private final String label;

    StateReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
