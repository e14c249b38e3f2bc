package org.jvirt.cli.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.Unsupported;

/**
 * {@code shutdown/reboot --mode acpi,agent,...}: the ways a guest may be asked. Each jvirt
 * driver has one: QEMU presses the ACPI power button, the container driver signals init, the
 * test driver's simulated guest answers to any. A list that does not name the driver's way fails
 * with libvirt's unsupported-operation error, as libvirt fails for a mode its driver lacks.
 */
final class ShutdownModes {
    static final List<String> ALL = List.of("acpi", "agent", "initctl", "signal", "paravirt");

    private ShutdownModes() {
    }

    /**
     * The modes {@code --mode} names (empty when not given), checked before the domain is looked
     * up, as virsh checks them.
     *
     * @param verb {@code shutdown} or {@code reboot} (their messages differ by a comma)
     */
    static Set<String> parse(Optional<String> mode, String verb) {
        Set<String> asked = new LinkedHashSet<>();
        if (mode.isEmpty()) {
            return asked;
        }
        if (mode.get().isEmpty()) {
            throw CommandFailure.of("Failed to get option 'mode': Option argument is empty");
        }
        for (String m : mode.get().split(",", -1)) {
            if (!ALL.contains(m)) {
                String or = verb.equals("reboot") ? " or " : ", or ";
                throw CommandFailure.of("Unknown mode " + m + " value, expecting 'acpi', 'agent', 'initctl', "
                        + "'signal'" + or + "'paravirt'");
            }
            asked.add(m);
        }
        return asked;
    }

    /**
     * Fails unless the modes asked for include the driver's way ({@code hypervisorType}); any
     * way when none was asked for.
     *
     * @param failure the command's first error line
     */
    static void check(Set<String> asked, String verb, String hypervisorType, String failure) {
        Optional<String> way = switch (hypervisorType) {
            case "QEMU" -> Optional.of("acpi");
            case "LXC" -> Optional.of("signal");
            default -> Optional.empty(); // a simulated guest: any
        };
        if (!asked.isEmpty() && way.isPresent() && !asked.contains(way.get())) {
            throw CommandFailure.of(failure, Unsupported.of(verb + " mode " + String.join(",", asked) + ": the "
                    + hypervisorType + " driver asks the guest by " + way.get() + " only (--mode "
                    + way.get() + ")").getMessage());
        }
    }
}
