package org.jvirt;

/** The run state of a domain, as virsh names it. */
public enum DomainState {
    NOSTATE(0, "no state"),
    RUNNING(1, "running"),
    BLOCKED(2, "idle"),
    PAUSED(3, "paused"),
    SHUTDOWN(4, "in shutdown"),
    SHUTOFF(5, "shut off"),
    CRASHED(6, "crashed"),
    PMSUSPENDED(7, "pmsuspended");

    private final int number;
    private final String label;

    DomainState(int number, String label) {
        this.number = number;
        this.label = label;
    }

    /** libvirt's {@code virDomainState} number. */
    public int number() {
        return number;
    }

    /** What virsh prints. */
    public String label() {
        return label;
    }

    /** Running, blocked, paused, in shutdown or pmsuspended: the domain has a live instance. */
    public boolean isActive() {
        return this != SHUTOFF && this != CRASHED && this != NOSTATE;
    }
}
