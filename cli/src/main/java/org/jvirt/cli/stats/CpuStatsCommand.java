package org.jvirt.cli.stats;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.jvirt.Domain;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.Output;
import org.jvirt.cli.parse.OptionSpec;
import org.jvirt.cli.parse.OptionSpec.Kind;
import org.jvirt.stats.CpuStats;
import org.jvirt.stats.PerCpuTime;

/** {@code cpu-stats}: a domain's CPU time per host CPU and in total, as virsh prints it. */
public final class CpuStatsCommand implements CommandProvider {
    @Override
    public List<String> names() {
        return List.of("cpu-stats");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("cpu-stats", CommandGroup.MONITOR).summary("show domain cpu statistics")
                .description("Display per-CPU and total statistics about the domain's CPUs").domain()
                .flag("total", "Show total statistics only")
                .option(OptionSpec.optional("start", Kind.NUMBER, "Show statistics from this CPU"))
                .option(OptionSpec.optional("count", Kind.NUMBER, "Number of shown CPUs at most"))
                .handler(this::cpuStats));
    }

    /** Nanoseconds as virsh prints them: {@code \tcpu_time            24.386308517 seconds}. */
    static void seconds(Output out, String name, long ns) {
        String value = Long.toUnsignedString(Long.divideUnsigned(ns, 1_000_000_000L)) + "."
                + String.format(Locale.ROOT, "%09d", Long.remainderUnsigned(ns, 1_000_000_000L));
        out.println(String.format(Locale.ROOT, "\t%-12s %19s seconds", name, value));
    }

    /** The option's number, refused with {@code negative} when below 0. */
    private static OptionalInt nonNegative(Invocation inv, String option, String negative) {
        OptionalInt value = inv.signed(option);
        if (value.isPresent() && value.getAsInt() < 0) {
            throw CommandFailure.of(negative);
        }
        return value;
    }

    private void cpuStats(Invocation inv) {
        Domain d = inv.domain();
        OptionalInt start = nonNegative(inv, "start", "Invalid value for start CPU");
        OptionalInt count = nonNegative(inv, "count", "Invalid value for number of CPUs to show");
        boolean perCpu = !inv.flag("total") || start.isPresent() || count.isPresent();
        boolean total = inv.flag("total") || (start.isEmpty() && count.isEmpty());
        CpuStats stats = d.cpuStats();
        Output out = inv.out();
        if (perCpu) {
            int max = stats.perCpu().size();
            int first = start.orElse(0);
            if (first >= max) {
                throw CommandFailure.of("Start CPU " + first + " is out of range (min: 0, max: " + (max - 1) + ")");
            }
            int n = count.orElse(max - first);
            if (n > max) {
                out.println("Only " + max + " CPUs available to show");
                n = max - first;
            }
            n = Math.min(n, max - first);
            for (PerCpuTime c : stats.perCpu().subList(first, first + n)) {
                out.println("CPU" + c.cpu() + ":");
                seconds(out, "cpu_time", c.cpuTimeNs());
                c.vcpuTimeNs().ifPresent(v -> seconds(out, "vcpu_time", v));
            }
        }
        if (total) {
            out.println("Total:");
            seconds(out, "cpu_time", stats.total().totalNs());
            seconds(out, "user_time", stats.total().userNs());
            seconds(out, "system_time", stats.total().systemNs());
        }
    }
}
