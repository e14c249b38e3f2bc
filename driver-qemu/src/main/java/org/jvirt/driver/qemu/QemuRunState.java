package org.jvirt.driver.qemu;

import org.jvirt.StateReason;

/**
 * Where a running QEMU is in its life as this connection sees it (docs/qemu.md#live-operations): the state machine
 * that tells whose a monitor event is (the guest's, another process's, part of a reboot or a
 * shutdown) and what the end of the monitor means. Whether the guest is paused is core's state;
 * this one is about starting to end. {@link #transition} is pure; {@link QemuRuntime} applies it
 * atomically.
 */
enum QemuRunState {
    /** Running or paused: a STOP or RESUME not of this process's own is someone else's pause or resume. */
    RUNNING,
    /** {@code reboot} sent {@code system_powerdown}: the guest's SHUTDOWN is answered with {@code system_reset}. */
    REBOOTING,
    /** {@code system_reset} and {@code cont} were sent: the STOP and RESUME that follow are the reboot's. */
    RESETTING,
    /** The guest shut down and QEMU was sent SIGTERM: its STOP is part of it, its end is a shutdown. */
    SHUTTING_DOWN,
    /** jvirt stops QEMU itself (destroy, a failed start): the end of the monitor is expected. */
    STOPPING,
    /** QEMU ended after the guest shut down: reported as a shutdown once its host state is removed. */
    SHUT_DOWN,
    /** QEMU ended without anyone asking: reported as a crash once its host state is removed. */
    CRASHED,
    /** Its cgroups, run directory and status file are removed (or another process's now): nothing more to do. */
    GONE;

    /** What happens to a running QEMU. */
    enum Event {
        /** A job asked for a reboot. */
        REBOOT_ASKED,
        /** QEMU's SHUTDOWN event with {@code guest: true}. */
        GUEST_SHUTDOWN,
        /** QEMU's RESUME event. */
        RESUMED,
        /** A job (or a failed start) stops QEMU. */
        STOP_ASKED,
        /** A graceful destroy gave up: QEMU keeps running. */
        STOP_ABANDONED,
        /** The monitor's connection ended (QEMU is gone). */
        MONITOR_CLOSED,
        /** What QEMU left on the host is removed. */
        CLEANED
    }

    /** The state after {@code event} in {@code state}. */
    static QemuRunState transition(QemuRunState state, Event event) {
        if (state == GONE || event == Event.CLEANED) {
            return GONE;
        }
        return switch (event) {
            case REBOOT_ASKED -> state == RUNNING || state == RESETTING ? REBOOTING : state;
            case GUEST_SHUTDOWN -> switch (state) {
                case REBOOTING -> RESETTING;
                case RUNNING, RESETTING -> SHUTTING_DOWN;
                default -> state;
            };
            case RESUMED -> state == RESETTING ? RUNNING : state;
            case STOP_ASKED -> state == SHUT_DOWN || state == CRASHED ? state : STOPPING;
            case STOP_ABANDONED -> state == STOPPING ? RUNNING : state;
            case MONITOR_CLOSED -> switch (state) {
                case RUNNING, REBOOTING, RESETTING -> CRASHED;
                case SHUTTING_DOWN -> SHUT_DOWN;
                default -> state;
            };
            case CLEANED -> GONE;
        };
    }

    /**
     * Whether a STOP or RESUME that is not this process's own is someone else's pause or resume
     * (not while the guest's shutdown or reboot makes QEMU stop and go on by itself).
     */
    boolean reportsPauses() {
        return this != RESETTING && this != SHUTTING_DOWN;
    }

    /** Whether QEMU ended by itself: what core is told, once its host state is removed. */
    boolean endedByItself() {
        return this == SHUT_DOWN || this == CRASHED;
    }

    /** Why a QEMU that {@link #endedByItself} stopped. */
    StateReason stopReason() {
        return this == SHUT_DOWN ? StateReason.SHUTDOWN : StateReason.CRASHED;
    }
}
