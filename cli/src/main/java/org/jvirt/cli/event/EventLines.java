package org.jvirt.cli.event;

import java.util.List;

import org.jvirt.StateReason;
import org.jvirt.event.DomainEvent;

/** How {@code event} prints each {@link DomainEvent}, in virsh's words. */
final class EventLines {
    /** The event names virsh accepts for {@code --event} (jvirt raises lifecycle and tunable). */
    static final List<String> TYPES = List.of("lifecycle", "reboot", "rtc-change", "watchdog", "io-error",
            "graphics", "io-error-reason", "control-error", "block-job", "disk-change", "tray-change", "pm-wakeup",
            "pm-suspend", "balloon-change", "pm-suspend-disk", "device-removed", "block-job-2", "tunable",
            "agent-lifecycle", "device-added", "migration-iteration", "job-completed", "device-removal-failed",
            "metadata-change", "block-threshold", "memory-failure", "memory-device-size-change");

    /** One printed event: its virsh type and its text (without the final new line). */
    record Line(String type, String text) {
    }

    private EventLines() {
    }

    static List<Line> of(DomainEvent e) {
        if (e instanceof DomainEvent.Defined d) {
            return lifecycle(e, "Defined", d.updated() ? "Updated" : "Added");
        }
        if (e instanceof DomainEvent.Undefined) {
            return lifecycle(e, "Undefined", "Removed");
        }
        if (e instanceof DomainEvent.Started s) {
            return s.paused()
                    ? List.of(line(e, "Started", "Booted"), line(e, "Suspended", "Paused"))
                    : lifecycle(e, "Started", "Booted");
        }
        if (e instanceof DomainEvent.Stopped s) {
            return lifecycle(e, "Stopped", stopDetail(s.reason()));
        }
        if (e instanceof DomainEvent.Suspended) {
            return lifecycle(e, "Suspended", "Paused");
        }
        if (e instanceof DomainEvent.Resumed) {
            return lifecycle(e, "Resumed", "Unpaused");
        }
        if (e instanceof DomainEvent.Crashed) {
            return lifecycle(e, "Stopped", "Crashed");
        }
        if (e instanceof DomainEvent.PinChanged p) {
            return tunable(e, "cputune." + p.target() + ": " + p.cpus().format());
        }
        if (e instanceof DomainEvent.VcpusChanged v) {
            return tunable(e, "vcpu.current" + (v.live() ? "" : ".config") + ": " + v.current());
        }
        return List.of();
    }

    private static String stopDetail(StateReason reason) {
        return switch (reason) {
            case SHUTDOWN -> "Shutdown";
            case DESTROYED -> "Destroyed";
            case CRASHED -> "Crashed";
            case FAILED -> "Failed";
            default -> "Unknown";
        };
    }

    private static List<Line> lifecycle(DomainEvent e, String event, String detail) {
        return List.of(line(e, event, detail));
    }

    private static Line line(DomainEvent e, String event, String detail) {
        return new Line("lifecycle", "event 'lifecycle' for domain '" + e.name() + "': " + event + " " + detail);
    }

    private static List<Line> tunable(DomainEvent e, String param) {
        return List.of(new Line("tunable", "event 'tunable' for domain '" + e.name() + "':\n\t" + param));
    }
}
