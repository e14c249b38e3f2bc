package org.jvirt.driver.remote;

import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;

/** libvirt's state and reason numbers as jvirt's {@link StateInfo}. */
final class States {
    private States() {
    }

    static DomainState state(int number) {
        for (DomainState s : DomainState.values()) {
            if (s.number() == number) {
                return s;
            }
        }
        return DomainState.NOSTATE;
    }

    /** Reasons jvirt has no name for read as {@code unknown}. */
    static StateInfo of(int state, int reason) {
        DomainState s = state(state);
        return new StateInfo(s, reason(s, reason));
    }

    private static StateReason reason(DomainState s, int r) {
        return switch (s) {
            case RUNNING -> switch (r) {
                case 1 -> StateReason.BOOTED;
                case 5 -> StateReason.UNPAUSED;
                default -> StateReason.UNKNOWN;
            };
            case PAUSED -> switch (r) {
                case 1 -> StateReason.USER;
                case 11 -> StateReason.STARTING_UP;
                case 10 -> StateReason.CRASHED;
                default -> StateReason.UNKNOWN;
            };
            case SHUTOFF -> switch (r) {
                case 1 -> StateReason.SHUTDOWN;
                case 2 -> StateReason.DESTROYED;
                case 3 -> StateReason.CRASHED;
                case 6 -> StateReason.FAILED;
                default -> StateReason.UNKNOWN;
            };
            case CRASHED -> r == 1 ? StateReason.PANICKED : StateReason.UNKNOWN;
            case SHUTDOWN -> r == 1 ? StateReason.USER : StateReason.UNKNOWN;
            default -> StateReason.UNKNOWN;
        };
    }
}
