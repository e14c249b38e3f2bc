package org.jvirt.cli.commands;

import java.util.List;
import java.util.Locale;

import org.jvirt.Connection;
import org.jvirt.Version;
import org.jvirt.cli.adapt.NodeInfoSource;
import org.jvirt.cli.adapt.NodeInfoView;
import org.jvirt.cli.command.CommandFamily;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.Output;

/** version, uri, hostname, nodeinfo, capabilities. */
public final class HostCommands implements CommandFamily {
    private final NodeInfoSource nodeInfo;

    public HostCommands(NodeInfoSource nodeInfo) {
        this.nodeInfo = nodeInfo;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("version", CommandGroup.HOST).summary("show version")
                        .description("Display the system version information.").handler(this::version),
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
    }

    private void nodeinfo(Invocation inv) {
        NodeInfoView n = nodeInfo.nodeInfo(inv.conn());
        Output out = inv.out();
        line(out, "CPU model:", n.cpuModel());
        line(out, "CPU(s):", Integer.toString(n.cpus()));
        line(out, "CPU frequency:", n.mhz() + " MHz");
        line(out, "CPU socket(s):", Integer.toString(n.sockets()));
        line(out, "Core(s) per socket:", Integer.toString(n.cores()));
        line(out, "Thread(s) per core:", Integer.toString(n.threads()));
        line(out, "NUMA cell(s):", Integer.toString(n.cells()));
        line(out, "Memory size:", n.memoryKiB() + " KiB");
    }

    private void capabilities(Invocation inv) {
        String xml = inv.conn().capabilitiesXml();
        // virsh prints the document and a new line after it
        inv.out().print((xml.endsWith("\n") ? xml : xml + "\n") + "\n");
    }

    private static void line(Output out, String label, String value) {
        out.println(String.format(Locale.ROOT, "%-20s %s", label, value));
    }
}
