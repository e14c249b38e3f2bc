package org.jvirt.cli.domain;

import java.io.IOException;
import java.util.List;

import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.error.VirtException;

/**
 * Commands one driver serves: domxml-to-native (QEMU: {@code qemu-argv}) and
 * lxc-enter-namespace (containers).
 */
public final class DriverCommands implements CommandProvider {
    private static final OptionSpec FORMAT =
            OptionSpec.required("format", OptionSpec.Kind.STRING, "target config data type format")
                    .withChoices(List.of("qemu-argv"));
    private static final OptionSpec DOMAIN = OptionSpec.named("domain", OptionSpec.Kind.STRING,
            "domain name, id or uuid");
    private static final OptionSpec XML =
            OptionSpec.optional("xml", OptionSpec.Kind.STRING, "xml data file to export from");
    private static final OptionSpec CMD = OptionSpec.requiredArgv("cmd", "command to run");

    @Override
    public List<String> names() {
        return List.of("domxml-to-native", "lxc-enter-namespace");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("domxml-to-native", CommandGroup.DOMAIN)
                        .summary("Convert domain XML to native config")
                        .description("Convert domain XML config to a native guest configuration format "
                                + "(qemu-argv).")
                        .option(FORMAT).option(DOMAIN).option(XML).handler(this::toNative),
                CommandSpec.builder("lxc-enter-namespace", CommandGroup.DOMAIN)
                        .summary("LXC Guest Enter Namespace")
                        .description("Run an arbitrary command in a lxc guest namespace; use at your own risk")
                        .domain().flag("noseclabel", "Do not change process security label").option(CMD)
                        .handler(this::enter));
    }

    private void toNative(Invocation inv) {
        inv.exclusive("domain", "xml");
        String xml;
        if (inv.string("domain").isPresent()) {
            xml = inv.domain().xml();
        } else if (inv.string("xml").isPresent()) {
            xml = XmlFiles.read(inv.string("xml").get());
        } else {
            throw CommandFailure.of("need either domain or domain XML");
        }
        try {
            inv.out().print(inv.conn().domainXmlToNative(inv.requiredString("format"), xml));
        } catch (VirtException e) {
            throw CommandFailure.of(e.getMessage());
        }
    }

    /** Runs the command with this shell's standard streams; its exit status becomes the command's. */
    private void enter(Invocation inv) {
        List<String> argv = inv.domain().enterNamespaceCommand(inv.argv());
        inv.out().flush();
        try {
            Process p = new ProcessBuilder(argv).inheritIO().start();
            int status = p.waitFor();
            if (status != 0) {
                throw new CommandFailure(status, List.of("command exited with status " + status));
            }
        } catch (IOException e) {
            throw CommandFailure.of("cannot run " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.of("interrupted while waiting for the command");
        }
    }
}
