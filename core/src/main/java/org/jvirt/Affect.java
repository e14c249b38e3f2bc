package org.jvirt;

/**
 * Which definition a change affects: the running domain's (live), the persistent one (config),
 * both, or the "current" one (live when the domain runs, else config). Every mutating call takes
 * one, so there are no {@code *Flags} twins.
 */
public record Affect(boolean live, boolean config) {
    /** Live when running, else config (virsh {@code --current}, or no flag on most commands). */
    public static final Affect CURRENT = new Affect(false, false);
    public static final Affect LIVE = new Affect(true, false);
    public static final Affect CONFIG = new Affect(false, true);
    public static final Affect LIVE_AND_CONFIG = new Affect(true, true);

    public boolean isCurrent() {
        return !live && !config;
    }

    /** Both of these. */
    public Affect and(Affect other) {
        return new Affect(live || other.live, config || other.config);
    }

    /** {@link #CURRENT} made concrete for a domain that is or is not running. */
    public Affect resolve(boolean running) {
        if (!isCurrent()) {
            return this;
        }
        return running ? LIVE : CONFIG;
    }

    @Override
    public String toString() {
        if (isCurrent()) {
            return "current";
        }
        return live && config ? "live+config" : live ? "live" : "config";
    }
}
