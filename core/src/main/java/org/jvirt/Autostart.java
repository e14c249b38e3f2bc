package org.jvirt;

/**
 * Whether a persistent domain starts when its host boots ({@code virsh autostart}). jvirt has no
 * resident daemon to do it: the {@code jvirt-autostart@DRIVER} systemd unit runs
 * {@code jvirsh start-autostart} once at boot (docs/jvirsh.md).
 */
public enum Autostart {
    ENABLED,
    DISABLED;

    public boolean enabled() {
        return this == ENABLED;
    }

    public static Autostart of(boolean enabled) {
        return enabled ? ENABLED : DISABLED;
    }
}
