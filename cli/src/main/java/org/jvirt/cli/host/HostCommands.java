package org.jvirt.cli.host;

import java.util.List;

import org.jvirt.Connection;
import org.jvirt.Version;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.command.Unsupported;
import org.jvirt.cli.output.Output;

/** version, uri, hostname, nodeinfo, capabilities. */
public final class HostCommands implements CommandProvider {
    @Override
    public List<String> names() {
        return List.of("version", "uri", "hostname", "nodeinfo", "capabilities");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("version", CommandGroup.HOST).summary("show version")
                        .description("Display the system version information.")
                        .flag("daemon", "report daemon version too").handler(this::version),
                CommandSpec.builder("uri", CommandGroup.HOST).summary("print the hypervisor canonical URI")
                        .handler(inv -> inv.out().println(inv.conn().uri())),
                CommandSpec.builder("hostname", CommandGroup.HOST).summary("print the hypervisor hostname")
                        .handler(inv -> inv.out().println(inv.conn().hostname())),
                CommandSpec.builder("nodeinfo", CommandGroup.HOST).summary("node information")
                        .description("Returns basic information about the node.").handler(this::nodeinfo),
                CommandSpec.builder("capabilities", CommandGroup.HOST).summary("capabilities")
                        .description("Returns capabilities of hypervisor/driver.").handler(this::capabilities));
    }

    private void version(Invocation inv) {
        Connection c = inv.conn();
        Output out = inv.out();
        out.println("Compiled against library: jvirt " + Version.JVIRT);
        out.println("Using library: jvirt " + c.libraryVersion());
        out.println("Using API: " + c.hypervisorType() + " " + c.libraryVersion());
        out.println("Running hypervisor: " + c.hypervisorType() + " " + c.hypervisorVersion());
        if (inv.flag("daemon")) {
            if (RemoteUris.isRemote(c.uri())) {
                throw Unsupported.of("the remote daemon's version (version --daemon)");
            }
            // jvirt's library serves the connection, here or in jvirtd, as libvirt's test driver answers
            out.println("Running against daemon: " + c.libraryVersion());
        }
    }

    private void nodeinfo(Invocation inv) {
        inv.conn().nodeInfo().lines().forEach(inv.out()::println);
    }

    private void capabilities(Invocation inv) {
        String xml = inv.conn().capabilitiesXml();
        // virsh prints the document and a new line after it
        inv.out().print((xml.endsWith("\n") ? xml : xml + "\n") + "\n");
    }
}
