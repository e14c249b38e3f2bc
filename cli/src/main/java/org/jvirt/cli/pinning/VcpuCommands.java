package org.jvirt.cli.pinning;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.VcpuCount;
import org.jvirt.VcpuInfo;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.Output;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.model.CpuSet;

/** vcpucount, vcpuinfo, setvcpus, setvcpu (docs/jvirsh.md#vcpus-and-pinning). */
public final class VcpuCommands implements CommandProvider {
    private static final String NOT_RUNNING = "Requested operation is not valid: domain is not running";

    @Override
    public List<String> names() {
        return List.of("vcpucount", "vcpuinfo", "setvcpus", "setvcpu");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("vcpucount", CommandGroup.DOMAIN).summary("domain vcpu counts")
                        .description("Returns the number of virtual CPUs used by the domain.").domain()
                        .flag("maximum", "get maximum count of vcpus")
                        .flag("active", "get number of currently active vcpus")
                        .flag("live", "get value from running domain")
                        .flag("config", "get value to be used on next boot")
                        .flag("current", "get value according to current domain state")
                        .flag("guest", "retrieve vcpu count from the guest instead of the hypervisor")
                        .handler(this::vcpucount),
                CommandSpec.builder("vcpuinfo", CommandGroup.DOMAIN).summary("detailed domain vcpu information")
                        .description("Returns basic information about the domain virtual CPUs.").domain()
                        .flag("pretty", "return human readable output").handler(this::vcpuinfo),
                CommandSpec.builder("setvcpus", CommandGroup.DOMAIN).summary("change number of virtual CPUs")
                        .description("Change the number of virtual CPUs in the guest domain.").domain()
                        .option(OptionSpec.required("count", Kind.NUMBER, "number of virtual CPUs"))
                        .flag("maximum", "set maximum limit on next boot").affectFlags()
                        .flag("guest", "modify cpu state in the guest")
                        .flag("hotpluggable", "make added vcpus hot(un)pluggable").handler(this::setvcpus),
                CommandSpec.builder("setvcpu", CommandGroup.DOMAIN).summary("attach/detach vcpu or groups of threads")
                        .description("Add or remove vcpus").domain()
                        .option(OptionSpec.required("vcpulist", Kind.STRING, "ids of vcpus to manipulate"))
                        .flag("enable", "enable cpus specified by cpumap")
                        .flag("disable", "disable cpus specified by cpumap").affectFlags()
                        .handler(this::setvcpu));
    }

    private void vcpucount(Invocation inv) {
        inv.exclusive("active", "maximum");
        inv.exclusive("guest", "config");
        inv.exclusive("live", "config");
        Domain d = inv.domain();
        if (inv.flag("guest")) {
            throw CommandFailure.of("Failed to retrieve vCPU count from the guest",
                    "this function is not supported by the connection driver: vCPU counts from a guest agent");
        }
        VcpuCount count = d.vcpuCount();
        boolean any = inv.flag("maximum") || inv.flag("active") || inv.flag("live") || inv.flag("config")
                || inv.flag("current");
        if (!any) {
            row(inv.out(), "maximum", "config", count.maximumConfig());
            row(inv.out(), "maximum", "live", count.maximumLive());
            row(inv.out(), "current", "config", count.currentConfig());
            row(inv.out(), "current", "live", count.currentLive());
            return;
        }
        boolean live = inv.flag("live") || (!inv.flag("config") && d.isActive());
        boolean maximum = inv.flag("maximum");
        OptionalInt value = live ? (maximum ? count.maximumLive() : count.currentLive())
                : (maximum ? count.maximumConfig() : count.currentConfig());
        if (value.isEmpty()) {
            throw CommandFailure.of(live ? NOT_RUNNING
                    : "Requested operation is not valid: cannot get persistent config of a transient domain");
        }
        inv.out().println(Integer.toString(value.getAsInt()));
    }

    private static void row(Output out, String what, String where, OptionalInt value) {
        if (value.isPresent()) {
            out.println(String.format(Locale.ROOT, "%-12s %-12s %3d", what, where, value.getAsInt()));
        }
    }

    private void vcpuinfo(Invocation inv) {
        Domain d = inv.domain();
        int width = CpuLists.hostWidth(inv.conn());
        List<VcpuInfo> infos = d.vcpuInfo();
        Output out = inv.out();
        for (int i = 0; i < infos.size(); i++) {
            VcpuInfo v = infos.get(i);
            if (i > 0) {
                out.print("\n");
            }
            field(out, "VCPU:", Integer.toString(v.vcpu()));
            field(out, "CPU:", v.cpu().isPresent() ? Integer.toString(v.cpu().getAsInt()) : "N/A");
            field(out, "State:", v.state().orElse("N/A"));
            if (v.state().isEmpty()) {
                field(out, "CPU time", "N/A");
            } else if (v.cpuTimeNanos() != 0) {
                field(out, "CPU time:", String.format(Locale.ROOT, "%.1fs", v.cpuTimeNanos() / 1e9));
            }
            CpuSet affinity = CpuLists.clip(v.affinity(), width);
            field(out, "CPU Affinity:", inv.flag("pretty")
                    ? affinity.format() + " (out of " + width + ")" : affinity.toYesNoMap(width));
        }
    }

    private static void field(Output out, String label, String value) {
        out.println(String.format(Locale.ROOT, "%-15s %s", label, value));
    }

    private void setvcpus(Invocation inv) {
        Affect affect = inv.affect();
        inv.requires("maximum", "config");
        Domain d = inv.domain();
        int count = inv.unsigned("count").orElseThrow();
        if (count == 0) {
            throw CommandFailure.of("Can't set 0 processors for a VM");
        }
        EnumSet<SetVcpusOptions.Flag> flags = EnumSet.noneOf(SetVcpusOptions.Flag.class);
        for (SetVcpusOptions.Flag f : SetVcpusOptions.Flag.values()) {
            if (inv.flag(f.name().toLowerCase(java.util.Locale.ROOT))) {
                flags.add(f);
            }
        }
        SetVcpusOptions options = new SetVcpusOptions(affect, flags);
        d.setVcpus(count, options);
    }

    private void setvcpu(Invocation inv) {
        inv.exclusive("enable", "disable");
        Affect affect = inv.affect();
        if (!inv.flag("enable") && !inv.flag("disable")) {
            throw CommandFailure.of("one of --enable, --disable is required");
        }
        Domain d = inv.domain();
        d.setVcpu(CpuLists.vcpus(inv.requiredString("vcpulist")), inv.flag("enable"), affect);
    }
}
