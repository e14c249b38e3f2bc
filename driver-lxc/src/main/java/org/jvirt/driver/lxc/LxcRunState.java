package org.jvirt.driver.lxc;

/**
 * Where a container instance is in its life (docs/lxc.md): the state machine that tells the exit
 * watcher whether an init's end is the container's own (a shutdown, a crash, a reboot to
 * restart) or part of jvirt stopping it, and whether a restart must freeze the new instance.
 * {@link #transition} is pure; {@link LxcRuntime} applies it under its monitor.
 */
enum LxcRunState {
    /** The init runs. */
    RUNNING,
    /** The cgroup is frozen (suspend). */
    PAUSED,
    /** jvirt stops the instance (destroy, shutdown, reboot): its end is not reported. */
    STOPPING,
    /** No instance runs: it ended and what it left is removed. */
    STOPPED;

    /** What happens to a container. */
    enum Event {
        /** The cgroup was frozen. */
        SUSPENDED,
        /** The cgroup was thawed. */
        RESUMED,
        /** A job stops the instance (SIGTERM to init, or SIGKILL). */
        STOP_ASKED,
        /** The stop did not happen (init outlived the graceful wait, or would not die): it runs on, thawed. */
        STOP_ABANDONED,
        /** The instance is gone and torn down. */
        EXITED,
        /** A new instance runs (a reboot). */
        RESTARTED
    }

    /** The state after {@code event} in {@code state}. */
    static LxcRunState transition(LxcRunState state, Event event) {
        return switch (event) {
            case SUSPENDED -> state == RUNNING ? PAUSED : state;
            case RESUMED -> state == PAUSED ? RUNNING : state;
            case STOP_ASKED -> STOPPING;
            case STOP_ABANDONED -> state == STOPPING ? RUNNING : state;
            case EXITED -> STOPPED;
            case RESTARTED -> RUNNING;
        };
    }

    /** Whether an end of the init now is the container's own (else jvirt is stopping it). */
    boolean reportsExit() {
        return this == RUNNING || this == PAUSED;
    }
}
