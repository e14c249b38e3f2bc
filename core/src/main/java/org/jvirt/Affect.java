package org.jvirt;

/**
 * Which definition a change affects: the running domain's ({@link #LIVE}), the persistent one
 * ({@link #CONFIG}), both, or the "current" one (live when the domain runs, else config). Every
 * mutating call takes one, so there are no {@code *Flags} twins.
 */
public enum Affect {
    /** Live when running, else config (virsh {@code --current}, or no flag on most commands). */
    CURRENT(false, false),
    /** The running domain: the kernel first, then its live definition. */
    LIVE(true, false),
    /** The persistent definition, used at the next start. */
    CONFIG(false, true),
    /** Both the running domain and the persistent definition. */
    LIVE_AND_CONFIG(true, true);

    private final boolean live;
    private final boolean config;

    Affect(boolean live, boolean config) {
        this.live = live;
        this.config = config;
    }

    /** The value of virsh's {@code --live} and {@code --config} flags; neither is {@link #CURRENT}. */
    public static Affect of(boolean live, boolean config) {
        return live ? (config ? LIVE_AND_CONFIG : LIVE) : (config ? CONFIG : CURRENT);
    }

    /** Whether the running domain is affected. */
    public boolean live() {
        return live;
    }

    /** Whether the persistent definition is affected. */
    public boolean config() {
        return config;
    }

    public boolean isCurrent() {
        return this == CURRENT;
    }

    /** Both of these. */
    public Affect and(Affect other) {
        return of(live || other.live, config || other.config);
    }

    /** {@link #CURRENT} made concrete for a domain that is or is not running. */
    public Affect resolve(boolean running) {
        if (!isCurrent()) {
            return this;
        }
        return running ? LIVE : CONFIG;
    }

    /** {@code current}, {@code live}, {@code config} or {@code live+config}. */
    @Override
    public String toString() {
        return switch (this) {
            case CURRENT -> "current";
            case LIVE -> "live";
            case CONFIG -> "config";
            case LIVE_AND_CONFIG -> "live+config";
        };
    }
}
