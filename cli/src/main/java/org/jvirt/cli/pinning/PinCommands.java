package org.jvirt.cli.pinning;

import java.util.List;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.IothreadInfo;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.TablePrinter;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/** vcpupin (with jvirt's --explain), emulatorpin, iothreadpin, iothreadinfo (docs/jvirsh.md#vcpus-and-pinning). */
public final class PinCommands implements CommandProvider {
    @Override
    public List<String> names() {
        return List.of("vcpupin", "emulatorpin", "iothreadpin", "iothreadinfo");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("vcpupin", CommandGroup.DOMAIN)
                        .summary("control or query domain vcpu affinity")
                        .description("Pin domain VCPUs to host physical CPUs.").domain()
                        .option(OptionSpec.optional("vcpu", Kind.NUMBER, "vcpu number"))
                        .option(OptionSpec.optional("cpulist", Kind.STRING,
                                "host cpu number(s) to set, or omit option to query"))
                        .affectFlags()
                        .flag("explain", "show every thread's effective CPU set and why (jvirt)")
                        .handler(this::vcpupin),
                CommandSpec.builder("emulatorpin", CommandGroup.DOMAIN)
                        .summary("control or query domain emulator affinity")
                        .description("Pin domain emulator threads to host physical CPUs.").domain()
                        .option(OptionSpec.optional("cpulist", Kind.STRING,
                                "host cpu number(s) to set, or omit option to query"))
                        .affectFlags().handler(this::emulatorpin),
                CommandSpec.builder("iothreadpin", CommandGroup.DOMAIN).summary("control domain IOThread affinity")
                        .description("Pin domain IOThreads to host physical CPUs.").domain()
                        .option(OptionSpec.required("iothread", Kind.NUMBER, "IOThread ID number"))
                        .option(OptionSpec.required("cpulist", Kind.STRING, "host cpu number(s) to set"))
                        .affectFlags().handler(this::iothreadpin),
                CommandSpec.builder("iothreadinfo", CommandGroup.DOMAIN).summary("view domain IOThreads")
                        .description("Returns basic information about the domain IOThreads.").domain()
                        .affectFlags().handler(this::iothreadinfo));
    }

    private void vcpupin(Invocation inv) {
        Affect affect = inv.affect();
        inv.exclusive("explain", "cpulist");
        inv.exclusive("explain", "vcpu");
        Domain d = inv.domain();
        if (inv.flag("explain")) {
            explain(inv, d, affect);
            return;
        }
        java.util.OptionalInt vcpu = inv.unsigned("vcpu");
        int width = CpuLists.hostWidth(inv.conn());
        if (inv.string("cpulist").isPresent()) {
            if (vcpu.isEmpty()) {
                throw CommandFailure.of("vcpupin: Missing vCPU number in pin mode.");
            }
            CpuSet cpus = CpuLists.hostCpus(inv.string("cpulist").get(), width);
            d.pinVcpu(vcpu.getAsInt(), cpus, affect);
            return;
        }
        inv.exclusive("live", "config");
        List<CpuSet> sets = d.vcpuPinInfo(affect);
        if (vcpu.isPresent() && vcpu.getAsInt() >= sets.size()) {
            boolean live = affect.resolve(d.isActive()).live();
            throw CommandFailure.of("vcpu " + vcpu.getAsInt() + " is out of range of "
                    + (live ? "live" : "persistent") + " cpu count " + sets.size());
        }
        TablePrinter table = new TablePrinter("VCPU", "CPU Affinity");
        for (int i = 0; i < sets.size(); i++) {
            if (vcpu.isEmpty() || vcpu.getAsInt() == i) {
                table.row(i, CpuLists.clip(sets.get(i), width).format());
            }
        }
        table.print(inv.out());
    }

    private void explain(Invocation inv, Domain d, Affect affect) {
        inv.exclusive("live", "config");
        int width = CpuLists.hostWidth(inv.conn());
        TablePrinter table = new TablePrinter("Thread", "CPU Affinity", "Reason");
        for (PinnedThread p : PinnedThread.all(d.effectivePinning(affect))) {
            table.row(p.label(), CpuLists.clip(p.cpus(), width).format(), p.reason());
        }
        table.print(inv.out());
    }

    private void emulatorpin(Invocation inv) {
        Affect affect = inv.affect();
        Domain d = inv.domain();
        int width = CpuLists.hostWidth(inv.conn());
        if (inv.string("cpulist").isPresent()) {
            d.pinEmulator(CpuLists.hostCpus(inv.string("cpulist").get(), width), affect);
            return;
        }
        inv.exclusive("live", "config");
        CpuSet set = CpuLists.clip(d.emulatorPinInfo(affect), width);
        inv.out().extra("emulator: CPU Affinity\n" + "-".repeat(34) + "\n");
        inv.out().println(inv.out().quiet() ? set.format() : "       *: " + set.format());
    }

    private void iothreadpin(Invocation inv) {
        Affect affect = inv.affect();
        Domain d = inv.domain();
        int id = inv.unsigned("iothread").orElseThrow();
        CpuSet cpus = CpuLists.hostCpus(inv.requiredString("cpulist"), CpuLists.hostWidth(inv.conn()));
        d.pinIothread(id, cpus, affect);
    }

    private void iothreadinfo(Invocation inv) {
        Affect affect = inv.affect();
        Domain d = inv.domain();
        List<IothreadInfo> threads;
        try {
            inv.exclusive("live", "config");
            threads = d.iothreadInfo(affect);
        } catch (VirtException | CommandFailure e) {
            throw CommandFailure.of("Unable to get domain IOThreads information", e.getMessage());
        }
        if (threads.isEmpty()) {
            inv.out().extra("No IOThreads found for the domain");
            return;
        }
        int width = CpuLists.hostWidth(inv.conn());
        TablePrinter table = new TablePrinter("IOThread ID", "CPU Affinity");
        for (IothreadInfo t : threads) {
            table.row(t.id(), CpuLists.clip(t.affinity(), width).format());
        }
        table.print(inv.out());
    }
}
