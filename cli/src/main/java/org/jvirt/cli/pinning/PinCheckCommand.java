package org.jvirt.cli.pinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.ThreadPlacement;
import org.jvirt.VcpuInfo;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.TablePrinter;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;

/** jvirt's {@code pincheck}: the intended pinning against what the kernel enforces. */
public final class PinCheckCommand implements CommandProvider {
    /** pincheck's exit status when the kernel does not enforce what the pinning says. */
    public static final int DRIFT_STATUS = 2;

    private final ThreadProbe probe;

    public PinCheckCommand(ThreadProbe probe) {
        this.probe = probe;
    }

    @Override
    public List<String> names() {
        return List.of("pincheck");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(CommandSpec.builder("pincheck", CommandGroup.PINNING)
                .summary("compare the pinning with what the kernel enforces")
                .description("Compares every thread's intended CPU set with its scheduler affinity "
                        + "and cgroup cpuset; exit status 2 when any differs.")
                .domain().handler(this::pincheck));
    }

    private void pincheck(Invocation inv) {
        Connection conn = inv.conn();
        Domain d = inv.domain();
        if (!d.isActive()) {
            throw CommandFailure.of("Requested operation is not valid: domain is not running "
                    + "(pincheck compares a running domain's threads with its pinning)");
        }
        List<PinnedThread> intended = PinnedThread.all(d.effectivePinning(Affect.LIVE));
        HostTopology topo = conn.hostTopology();
        List<ThreadPlacement> seen;
        try {
            seen = probe.threads(d);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                throw CommandFailure.of("the " + conn.hypervisorType()
                        + " driver offers no pinning probe: pincheck needs the kernel's view of the domain's threads "
                        + "(thread affinity and cgroup cpusets), which this driver cannot provide");
            }
            throw e;
        }
        List<String> drifts = new ArrayList<>();
        TablePrinter table = new TablePrinter("Thread", "TID", "Intended", "Affinity", "Cgroup cpuset", "Status");
        for (ThreadPlacement t : seen) {
            String label = PinnedThread.label(t.kind(), t.index());
            Optional<PinnedThread> want = intended.stream().filter(p -> p.matches(t)).findFirst();
            CpuSet expected = want.map(p -> usable(p.cpus(), topo)).orElse(null);
            List<String> problems = problems(t, expected);
            table.row(label, t.tid(), expected == null ? "-" : expected.format(), t.affinity().format(),
                    t.cgroupCpus().map(CpuSet::format).orElse("-"), problems.isEmpty() ? "ok" : "DRIFT");
            for (String p : problems) {
                drifts.add(label + " (tid " + t.tid() + "): " + p);
            }
        }
        Set<Integer> vcpuThreads = new TreeSet<>();
        seen.stream().filter(t -> t.kind() == ThreadPlacement.Kind.VCPU).forEach(t -> vcpuThreads.add(t.index()));
        for (VcpuInfo v : d.vcpuInfo()) {
            if (!vcpuThreads.contains(v.vcpu())) {
                drifts.add("vcpu " + v.vcpu() + ": online but no thread found");
            }
        }
        table.print(inv.out());
        if (drifts.isEmpty()) {
            inv.out().println("no drift: every thread runs where its pinning says");
            return;
        }
        inv.out().print("\n");
        drifts.forEach(line -> inv.out().println("drift: " + line));
        throw new CommandFailure(DRIFT_STATUS, List.of(drifts.size() + " pinning drift(s) in domain '" + d.name() + "'"));
    }

    private static List<String> problems(ThreadPlacement t, CpuSet expected) {
        List<String> problems = new ArrayList<>();
        if (expected == null) {
            problems.add("no pinning for this thread (offline vCPU or unknown I/O thread)");
            return problems;
        }
        if (!t.affinity().equals(expected)) {
            problems.add("thread affinity " + t.affinity().format() + ", intended " + expected.format());
        }
        if (t.cgroupCpus().isPresent() && !t.cgroupCpus().get().equals(expected)) {
            problems.add("cgroup " + t.cgroup().orElse("?") + " cpuset " + t.cgroupCpus().get().format()
                    + ", intended " + expected.format());
        }
        return problems;
    }

    /** What the kernel can enforce of a set: its online CPUs. */
    private static CpuSet usable(CpuSet set, HostTopology topo) {
        return topo.online().isEmpty() ? set : set.intersect(topo.online());
    }
}
