package org.jvirt.cli.domain;

import org.jvirt.XmlFlag;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.command.Unsupported;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.error.VirtException;

/**
 * start, destroy, shutdown, reboot, suspend, resume. jvirt has no managed save, so
 * {@code start --bypass-cache} and {@code --force-boot} boot afresh, as libvirt does for a domain
 * without a managed save image.
 */
public final class LifecycleCommands implements CommandProvider {
    private static final String MODES = "shutdown mode: acpi|agent|initctl|signal|paravirt";

    @Override
    public List<String> names() {
        return List.of("start", "destroy", "shutdown", "reboot", "suspend", "resume");
    }

    @Override
    public List<CommandSpec> commands() {
        CommandSpec.Builder start = StartFlags.console(CommandSpec.builder("start", CommandGroup.DOMAIN)
                        .summary("start a (previously defined) inactive domain")
                        .description("Start a domain, either from the last managedsave state, or via a fresh boot "
                                + "if no managedsave state is present.")
                        .domain("name of the inactive domain"))
                .flag("bypass-cache", "avoid file system cache when loading")
                .flag("force-boot", "force fresh boot by discarding any managed save");
        StartFlags.resetNvram(StartFlags.passFds(start));
        return List.of(
                start.handler(this::start),
                CommandSpec.builder("destroy", CommandGroup.DOMAIN).summary("destroy (stop) a domain")
                        .description("Forcefully stop a given domain, but leave its resources intact.")
                        .domain().flag("graceful", "terminate gracefully").flag("remove-logs", "remove domain logs")
                        .handler(this::destroy),
                CommandSpec.builder("shutdown", CommandGroup.DOMAIN).summary("gracefully shutdown a domain")
                        .description("Run shutdown in the target domain.").domain()
                        .option(OptionSpec.optional("mode", Kind.STRING, MODES).withChoices(ShutdownModes.ALL))
                        .handler(inv -> withMode(inv, "shutdown", Domain::shutdown, "is being shutdown")),
                CommandSpec.builder("reboot", CommandGroup.DOMAIN).summary("reboot a domain")
                        .description("Run a reboot command in the target domain.").domain()
                        .option(OptionSpec.optional("mode", Kind.STRING, MODES).withChoices(ShutdownModes.ALL))
                        .handler(inv -> withMode(inv, "reboot", Domain::reboot, "is being rebooted")),
                CommandSpec.builder("suspend", CommandGroup.DOMAIN).summary("suspend a domain")
                        .description("Suspend a running domain.")
                        .domain().handler(inv -> act(inv, "suspend", Domain::suspend, "suspended")),
                CommandSpec.builder("resume", CommandGroup.DOMAIN).summary("resume a domain")
                        .description("Resume a previously suspended domain.")
                        .domain().handler(inv -> act(inv, "resume", Domain::resume, "resumed")));
    }

    private void start(Invocation inv) {
        String name = inv.requiredString("domain");
        Domain d = inv.domain();
        if (d.isActive()) {
            throw CommandFailure.of("Domain is already active");
        }
        String failure = failure(inv, "start");
        StartFlags.checkBeforeStart(inv, () -> d.xml(XmlFlag.INACTIVE), failure);
        try {
            d.start(StartFlags.options(inv));
        } catch (VirtException e) {
            throw CommandFailure.of(failure, e.getMessage());
        }
        inv.out().println("Domain '" + name + "' started");
        StartFlags.afterStart(inv, d);
    }

    private void destroy(Invocation inv) {
        Domain d = inv.domain();
        if (inv.flag("remove-logs")) {
            throw CommandFailure.of(failure(inv, "destroy"), Unsupported.of("removing a domain's logs "
                    + "(--remove-logs): remove them from the driver's log directory yourself").getMessage());
        }
        act(inv, d, "destroy", x -> x.destroy(inv.flag("graceful") ? DestroyOptions.GRACEFUL : DestroyOptions.DEFAULT),
                "destroyed");
    }

    private static void withMode(Invocation inv, String verb, Consumer<Domain> action, String done) {
        Set<String> modes = ShutdownModes.parse(inv.string("mode"), verb);
        Domain d = inv.domain();
        ShutdownModes.check(modes, verb, inv.conn().hypervisorType(), failure(inv, verb));
        act(inv, d, verb, action, done);
    }

    private static void act(Invocation inv, String verb, Consumer<Domain> action, String done) {
        act(inv, inv.domain(), verb, action, done);
    }

    /** Runs one action on the domain; messages name it as the user typed it, as virsh does. */
    private static void act(Invocation inv, Domain d, String verb, Consumer<Domain> action, String done) {
        String name = inv.requiredString("domain");
        try {
            action.accept(d);
        } catch (VirtException e) {
            throw CommandFailure.of("Failed to " + verb + " domain '" + name + "'", e.getMessage());
        }
        inv.out().println("Domain '" + name + "' " + done);
    }

    private static String failure(Invocation inv, String verb) {
        return "Failed to " + verb + " domain '" + inv.requiredString("domain") + "'";
    }
}
