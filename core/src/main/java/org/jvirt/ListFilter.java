package org.jvirt;

/**
 * Which domains {@link Connection#listDomains} returns. Within each pair an unset pair means
 * "either"; both set means "either" too (as virsh's flags).
 */
public record ListFilter(boolean active, boolean inactive, boolean persistent, boolean transientOnly) {
    public static final ListFilter ALL = new ListFilter(false, false, false, false);
    public static final ListFilter ACTIVE = new ListFilter(true, false, false, false);
    public static final ListFilter INACTIVE = new ListFilter(false, true, false, false);
    public static final ListFilter PERSISTENT = new ListFilter(false, false, true, false);
    public static final ListFilter TRANSIENT = new ListFilter(false, false, false, true);

    public boolean accepts(boolean isActive, boolean isPersistent) {
        boolean stateOk = active == inactive || (active ? isActive : !isActive);
        boolean persistenceOk = persistent == transientOnly || (persistent ? isPersistent : !isPersistent);
        return stateOk && persistenceOk;
    }
}
