package org.jvirt.cli.tuning;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.Autostart;
import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.error.VirtException;

/**
 * {@code autostart [--disable]} as virsh has it, and jvirt's {@code start-autostart}: what a
 * libvirt daemon does when it starts, run once at boot by the {@code jvirt-autostart@} unit.
 */
public final class AutostartCommands implements CommandProvider {
    @Override
    public List<String> names() {
        return List.of("autostart", "start-autostart");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("autostart", CommandGroup.DOMAIN).summary("autostart a domain")
                        .description("Configure a domain to be automatically started at boot.").domain()
                        .flag("disable", "disable autostarting").handler(this::autostart),
                CommandSpec.builder("start-autostart", CommandGroup.DOMAIN)
                        .summary("start every inactive domain marked autostart (jvirt)")
                        .description("Start every persistent, inactive domain marked with 'autostart', as a "
                                + "libvirt daemon does when it starts; run once at boot by the jvirt-autostart@ "
                                + "systemd unit. A domain that fails to start is reported and the others are "
                                + "started all the same.")
                        .handler(this::startAll));
    }

    private void autostart(Invocation inv) {
        Domain d = inv.domain();
        String name = inv.requiredString("domain");
        boolean disable = inv.flag("disable");
        try {
            d.setAutostart(disable ? Autostart.DISABLED : Autostart.ENABLED);
        } catch (VirtException e) {
            throw CommandFailure.of((disable ? "Failed to unmark domain '" : "Failed to mark domain '") + name
                    + "' as autostarted", e.getMessage());
        }
        inv.out().println("Domain '" + name + (disable ? "' unmarked as autostarted" : "' marked as autostarted"));
    }

    private void startAll(Invocation inv) {
        List<String> failures = new ArrayList<>();
        for (Domain d : inv.conn().listDomains()) {
            if (d.isActive() || !d.isPersistent() || !d.autostart().enabled()) {
                continue;
            }
            try {
                d.start();
                inv.out().println("Domain '" + d.name() + "' started");
            } catch (VirtException e) {
                failures.add("Failed to autostart domain '" + d.name() + "'");
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new CommandFailure(1, failures);
        }
    }
}
