package org.jvirt.stats;

import org.jvirt.DomainState;
import org.jvirt.StateInfo;
import org.jvirt.StateReason;

/** libvirt's number of a state's reason ({@code state.reason}): each state numbers its reasons. */
public final class ReasonNumbers {
    private ReasonNumbers() {
    }

    public static int of(StateInfo s) {
        DomainState st = s.state();
        StateReason r = s.reason();
        return switch (st) {
            case RUNNING -> switch (r) {
                case BOOTED -> 1;
                case UNPAUSED -> 5;
                case CRASHED -> 9;
                default -> 0;
            };
            case PAUSED -> switch (r) {
                case USER -> 1;
                case CRASHED -> 10;
                case STARTING_UP -> 11;
                default -> 0;
            };
            case SHUTOFF -> switch (r) {
                case SHUTDOWN -> 1;
                case DESTROYED -> 2;
                case CRASHED -> 3;
                case FAILED -> 6;
                default -> 0;
            };
            case SHUTDOWN -> r == StateReason.USER ? 1 : 0;
            case CRASHED -> r == StateReason.PANICKED ? 1 : 0;
            default -> 0;
        };
    }
}
