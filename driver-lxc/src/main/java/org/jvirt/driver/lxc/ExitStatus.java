package org.jvirt.driver.lxc;

import org.jvirt.StateReason;

/**
 * What the exit status of {@code unshare --fork} (util-linux 2.38,
 * docs/lxc.md#stopping-exits-reboot) means when the container stopped without jvirt asking: init's own exit code c gives c; init calling
 * reboot(2) RESTART is killed by SIGHUP (129); poweroff/halt by SIGINT (130).
 */
public enum ExitStatus {
    /** Stop + start from the same definition. */
    REBOOT,
    /** Shut off, reason shutdown. */
    SHUTDOWN,
    /** Shut off, reason crashed. */
    CRASHED;

    public static final int REBOOT_STATUS = 128 + 1;
    public static final int POWEROFF_STATUS = 128 + 2;

    public static ExitStatus of(int status) {
        return switch (status) {
            case REBOOT_STATUS -> REBOOT;
            case 0, POWEROFF_STATUS -> SHUTDOWN;
            default -> CRASHED;
        };
    }

    /** The state reason of a stop that was not a reboot. */
    public StateReason reason() {
        return this == CRASHED ? StateReason.CRASHED : StateReason.SHUTDOWN;
    }
}
