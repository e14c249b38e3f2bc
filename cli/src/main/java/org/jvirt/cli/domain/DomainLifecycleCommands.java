package org.jvirt.cli.domain;

import java.util.List;
import java.util.function.Consumer;

import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.StartOptions;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.error.VirtException;

/** define, undefine, create, start, destroy, shutdown, reboot, suspend, resume. */
public final class DomainLifecycleCommands implements CommandProvider {
    private static final OptionSpec FILE =
            OptionSpec.required("file", OptionSpec.Kind.STRING, "file containing an XML domain description");

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("define", CommandGroup.DOMAIN)
                        .summary("define (but don't start) a domain from an XML file")
                        .description("Define a domain.").option(FILE).handler(this::define),
                CommandSpec.builder("create", CommandGroup.DOMAIN)
                        .summary("create a domain from an XML file").description("Create a domain.")
                        .option(FILE).flag("paused", "leave the guest paused after creation").handler(this::create),
                CommandSpec.builder("undefine", CommandGroup.DOMAIN).summary("undefine a domain")
                        .description("Undefine an inactive domain, or convert persistent to transient.")
                        .domain().handler(inv -> act(inv, "undefine", Domain::undefine, "has been undefined")),
                CommandSpec.builder("start", CommandGroup.DOMAIN)
                        .summary("start a (previously defined) inactive domain")
                        .description("Start a domain.")
                        .domain("name of the inactive domain")
                        .flag("paused", "leave the guest paused after creation").handler(this::start),
                CommandSpec.builder("destroy", CommandGroup.DOMAIN).summary("destroy (stop) a domain")
                        .description("Forcefully stop a given domain, but leave its resources intact.")
                        .domain().flag("graceful", "terminate gracefully")
                        .handler(inv -> act(inv, "destroy", d -> d.destroy(inv.flag("graceful")
                                ? DestroyOptions.GRACEFUL : DestroyOptions.DEFAULT), "destroyed")),
                CommandSpec.builder("shutdown", CommandGroup.DOMAIN).summary("gracefully shutdown a domain")
                        .description("Run shutdown in the target domain.")
                        .domain().handler(inv -> act(inv, "shutdown", Domain::shutdown, "is being shutdown")),
                CommandSpec.builder("reboot", CommandGroup.DOMAIN).summary("reboot a domain")
                        .description("Run a reboot command in the target domain.")
                        .domain().handler(inv -> act(inv, "reboot", Domain::reboot, "is being rebooted")),
                CommandSpec.builder("suspend", CommandGroup.DOMAIN).summary("suspend a domain")
                        .description("Suspend a running domain.")
                        .domain().handler(inv -> act(inv, "suspend", Domain::suspend, "suspended")),
                CommandSpec.builder("resume", CommandGroup.DOMAIN).summary("resume a domain")
                        .description("Resume a previously suspended domain.")
                        .domain().handler(inv -> act(inv, "resume", Domain::resume, "resumed")));
    }

    private void define(Invocation inv) {
        String file = inv.requiredString("file");
        String xml = XmlFiles.read(file);
        try {
            Domain d = inv.conn().defineXml(xml);
            inv.out().println("Domain '" + d.name() + "' defined from " + file);
        } catch (VirtException e) {
            throw CommandFailure.of("Failed to define domain from " + file, e.getMessage());
        }
    }

    private void create(Invocation inv) {
        String file = inv.requiredString("file");
        String xml = XmlFiles.read(file);
        try {
            Domain d = inv.conn().createXml(xml, inv.flag("paused") ? StartOptions.PAUSED : StartOptions.DEFAULT);
            inv.out().println("Domain '" + d.name() + "' created from " + file);
        } catch (VirtException e) {
            throw CommandFailure.of("Failed to create domain from " + file, e.getMessage());
        }
    }

    private void start(Invocation inv) {
        String name = inv.requiredString("domain");
        Domain d = inv.domain();
        if (d.isActive()) {
            throw CommandFailure.of("Domain is already active");
        }
        try {
            d.start(inv.flag("paused") ? StartOptions.PAUSED : StartOptions.DEFAULT);
        } catch (VirtException e) {
            throw CommandFailure.of("Failed to start domain '" + name + "'", e.getMessage());
        }
        inv.out().println("Domain '" + name + "' started");
    }

    /** Runs one action on the domain; messages name it as the user typed it, as virsh does. */
    private static void act(Invocation inv, String verb, Consumer<Domain> action, String done) {
        String name = inv.requiredString("domain");
        Domain d = inv.domain();
        try {
            action.accept(d);
        } catch (VirtException e) {
            throw CommandFailure.of("Failed to " + verb + " domain '" + name + "'", e.getMessage());
        }
        inv.out().println("Domain '" + name + "' " + done);
    }
}
