package org.jvirt.cli.host;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.jvirt.Connection;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.Output;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.host.DomainCapabilitiesQuery;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NodeCpuStats;
import org.jvirt.host.NodeMemoryStats;
import org.jvirt.model.CpuSet;

/** freecell, nodecpumap, nodecpustats, nodememstats, domcapabilities: the host's views, as virsh prints them. */
public final class NodeStatsCommands implements CommandProvider {
    private final Sleeper sleeper;

    /** How {@code nodecpustats --percent} waits between its two samples (a test waits for nothing). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public NodeStatsCommands() {
        this(new ThreadSleep());
    }

    /** {@link Thread#sleep}: a class rather than a method reference, as every run wires the commands. */
    private static final class ThreadSleep implements Sleeper {
        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    }

    public NodeStatsCommands(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public List<String> names() {
        return List.of("freecell", "nodecpumap", "nodecpustats", "nodememstats", "domcapabilities");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("freecell", CommandGroup.HOST).summary("NUMA free memory")
                        .description("display available free memory for the NUMA cell.")
                        .option(OptionSpec.optional("cellno", Kind.NUMBER, "NUMA cell number"))
                        .flag("all", "show free memory for all NUMA cells").handler(this::freecell),
                CommandSpec.builder("nodecpumap", CommandGroup.HOST).summary("node cpu map")
                        .description("Displays the node's total number of CPUs, the number of online CPUs and the "
                                + "list of online CPUs.")
                        .flag("pretty", "return human readable output").handler(this::nodecpumap),
                CommandSpec.builder("nodecpustats", CommandGroup.HOST).summary("Prints cpu stats of the node.")
                        .description("Returns cpu stats of the node, in nanoseconds.")
                        .option(OptionSpec.optional("cpu", Kind.NUMBER, "prints specified cpu statistics only."))
                        .flag("percent", "prints by percentage during 1 second.").handler(this::nodecpustats),
                CommandSpec.builder("nodememstats", CommandGroup.HOST).summary("Prints memory stats of the node.")
                        .description("Returns memory stats of the node, in kilobytes.")
                        .option(OptionSpec.optional("cell", Kind.NUMBER, "prints specified cell statistics only."))
                        .handler(this::nodememstats),
                CommandSpec.builder("domcapabilities", CommandGroup.HOST).summary("domain capabilities")
                        .description("Returns capabilities of emulator with respect to host and libvirt.")
                        .option(OptionSpec.optional("virttype", Kind.STRING, "virtualization type (/domain/@type)"))
                        .option(OptionSpec.optional("emulatorbin", Kind.STRING,
                                "path to emulator binary (/domain/devices/emulator)"))
                        .option(OptionSpec.optional("arch", Kind.STRING, "domain architecture (/domain/os/type/@arch)"))
                        .option(OptionSpec.optional("machine", Kind.STRING, "machine type (/domain/os/type/@machine)"))
                        .handler(this::domcapabilities));
    }

    private void freecell(Invocation inv) {
        inv.exclusive("cellno", "all");
        Connection c = inv.conn();
        Output out = inv.out();
        OptionalInt cell = inv.unsigned("cellno");
        if (inv.flag("all")) {
            List<Long> free = c.cellsFreeMemory();
            List<HostCell> cells = c.hostTopology().cells();
            long total = 0;
            for (int i = 0; i < free.size(); i++) {
                int id = i < cells.size() ? cells.get(i).id() : i;
                out.println(String.format(Locale.ROOT, "%5d: %10d KiB", id, free.get(i) / 1024));
                total += free.get(i) / 1024;
            }
            out.println("--------------------");
            out.println(String.format(Locale.ROOT, "%-5s %10d KiB", "Total:", total));
        } else if (cell.isPresent()) {
            List<Long> free = c.cellsFreeMemory();
            List<HostCell> cells = c.hostTopology().cells();
            for (int i = 0; i < cells.size() && i < free.size(); i++) {
                if (cells.get(i).id() == cell.getAsInt()) {
                    out.println(cell.getAsInt() + ": " + free.get(i) / 1024 + " KiB");
                    return;
                }
            }
            throw CommandFailure.of("invalid argument: Range exceeds available cells");
        } else {
            out.println("Total: " + c.freeMemory() / 1024 + " KiB");
        }
    }

    private void nodecpumap(Invocation inv) {
        HostTopology t = inv.conn().hostTopology();
        Output out = inv.out();
        CpuSet online = t.online().below(t.cpuMapWidth());
        out.println(String.format(Locale.ROOT, "%-15s %d", "CPUs present:", t.cpuMapWidth()));
        out.println(String.format(Locale.ROOT, "%-15s %d", "CPUs online:", online.size()));
        out.println(String.format(Locale.ROOT, "%-15s %s", "CPU map:",
                inv.flag("pretty") ? online.format() : online.toYesNoMap(t.cpuMapWidth())));
    }

    private void nodecpustats(Invocation inv) {
        OptionalInt cpu = inv.unsigned("cpu");
        Connection c = inv.conn();
        NodeCpuStats first = c.nodeCpuStats(cpu);
        Output out = inv.out();
        if (!inv.flag("percent")) {
            row(out, "user:", first.userNs());
            row(out, "system:", first.kernelNs());
            row(out, "idle:", first.idleNs());
            row(out, "iowait:", first.iowaitNs());
            return;
        }
        try {
            sleeper.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.of("interrupted");
        }
        NodeCpuStats second = c.nodeCpuStats(cpu);
        double user = second.userNs() - first.userNs();
        double kernel = second.kernelNs() - first.kernelNs();
        double idle = second.idleNs() - first.idleNs();
        double iowait = second.iowaitNs() - first.iowaitNs();
        double all = user + kernel + idle + iowait;
        percent(out, "usage:", 100 - idle * 100 / all);
        percent(out, "user:", user * 100 / all);
        percent(out, "system:", kernel * 100 / all);
        percent(out, "idle:", idle * 100 / all);
        percent(out, "iowait:", iowait * 100 / all);
    }

    private static void row(Output out, String label, long ns) {
        out.println(String.format(Locale.ROOT, "%-15s %20s", label, Long.toUnsignedString(ns)));
    }

    private static void percent(Output out, String label, double value) {
        String v = Double.isNaN(value) ? "-nan" : String.format(Locale.ROOT, "%.1f", value);
        out.println(String.format(Locale.ROOT, "%-15s %5s%%", label, v));
    }

    private void nodememstats(Invocation inv) {
        NodeMemoryStats m = inv.conn().nodeMemoryStats(inv.unsigned("cell"));
        Output out = inv.out();
        mem(out, "total", m.totalKiB());
        mem(out, "free", m.freeKiB());
        m.buffersKiB().ifPresent(v -> mem(out, "buffers", v));
        m.cachedKiB().ifPresent(v -> mem(out, "cached", v));
    }

    private static void mem(Output out, String name, long kib) {
        out.println(String.format(Locale.ROOT, "%-7s: %20d KiB", name, kib));
    }

    private void domcapabilities(Invocation inv) {
        String xml = inv.conn().domainCapabilities(new DomainCapabilitiesQuery(inv.string("emulatorbin"),
                inv.string("arch"), inv.string("machine"), inv.string("virttype")));
        inv.out().print((xml.endsWith("\n") ? xml : xml + "\n") + "\n");
    }
}
