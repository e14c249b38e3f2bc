package org.jvirt.model;

import java.util.Objects;

/** {@code <on_poweroff>}, {@code <on_reboot>}, {@code <on_crash>}. */
public record Lifecycle(LifecycleAction onPoweroff, LifecycleAction onReboot, LifecycleAction onCrash) {
    /** destroy, restart, destroy: what an absent element means. */
    public static final Lifecycle DEFAULT =
            new Lifecycle(LifecycleAction.DESTROY, LifecycleAction.RESTART, LifecycleAction.DESTROY);

    public Lifecycle {
        Objects.requireNonNull(onPoweroff, "onPoweroff");
        Objects.requireNonNull(onReboot, "onReboot");
        Objects.requireNonNull(onCrash, "onCrash");
    }
}
