package org.jvirt.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.VcpuInfo;
import org.jvirt.cli.adapt.PinTarget;
import org.jvirt.cli.adapt.PinningExplainer;
import org.jvirt.cli.adapt.PinningProbe;
import org.jvirt.cli.adapt.PinningProbeLocator;
import org.jvirt.cli.adapt.PinningView;
import org.jvirt.cli.adapt.ThreadObservation;
import org.jvirt.cli.adapt.ThreadPin;
import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandFamily;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.output.TablePrinter;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;

/** jvirt's own pinning views: {@code pinmap} and {@code pincheck}. */
public final class PinningCommands implements CommandFamily {
    /** pincheck's exit status when the kernel does not enforce what the pinning says. */
    public static final int DRIFT_STATUS = 2;

    private final PinningExplainer explainer;
    private final PinningProbeLocator probes;

    public PinningCommands(PinningExplainer explainer, PinningProbeLocator probes) {
        this.explainer = explainer;
        this.probes = probes;
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("pinmap", CommandGroup.PINNING)
                        .summary("draw the host topology with the domain's threads on it")
                        .description("Shows cells, sockets, cores and CPUs of the host, and on each CPU the "
                                + "vCPUs, emulator and I/O threads of the domain that may run there.")
                        .domain().affectFlags().handler(this::pinmap),
                CommandSpec.builder("pincheck", CommandGroup.PINNING)
                        .summary("compare the pinning with what the kernel enforces")
                        .description("Compares every thread's intended CPU set with its scheduler affinity "
                                + "and cgroup cpuset; exit status 2 when any differs.")
                        .domain().handler(this::pincheck));
    }

    private void pinmap(Invocation inv) {
        Affect affect = inv.affect();
        inv.exclusive("live", "config");
        Domain d = inv.domain();
        PinningView pins = explainer.explain(d, affect);
        String which = affect.resolve(d.isActive()).live() ? "live" : "config";
        inv.out().print(PinMapRenderer.render(d.name(), which, inv.conn().hostTopology(), pins));
    }

    private void pincheck(Invocation inv) {
        Connection conn = inv.conn();
        Domain d = inv.domain();
        if (!d.isActive()) {
            throw CommandFailure.of("Requested operation is not valid: domain is not running "
                    + "(pincheck compares a running domain's threads with its pinning)");
        }
        CommandFailure noProbe = CommandFailure.of("the " + conn.hypervisorType()
                + " driver offers no pinning probe: pincheck needs the kernel's view of the domain's threads "
                + "(thread affinity and cgroup cpusets), which this driver cannot provide");
        PinningProbe probe = probes.find(conn).orElseThrow(() -> noProbe);
        PinningView intended = explainer.explain(d, Affect.LIVE);
        HostTopology topo = conn.hostTopology();
        List<ThreadObservation> seen;
        try {
            seen = probe.observe(d);
        } catch (VirtException e) {
            if (e.code() == ErrorCode.NO_SUPPORT) {
                throw noProbe;
            }
            throw e;
        }
        List<String> drifts = new ArrayList<>();
        TablePrinter table = new TablePrinter("Thread", "TID", "Intended", "Affinity", "Cgroup cpuset", "Status");
        for (ThreadObservation o : seen) {
            Optional<ThreadPin> want = intended.find(o.target());
            CpuSet expected = want.map(p -> usable(p.cpus(), topo)).orElse(null);
            List<String> problems = new ArrayList<>();
            if (expected == null) {
                problems.add("no pinning for this thread (offline vCPU or unknown I/O thread)");
            } else {
                if (!o.affinity().equals(expected)) {
                    problems.add("thread affinity " + o.affinity().format() + ", intended " + expected.format());
                }
                if (o.cgroupCpus().isPresent() && !o.cgroupCpus().get().equals(expected)) {
                    problems.add("cgroup " + o.cgroupPath().orElse("?") + " cpuset " + o.cgroupCpus().get().format()
                            + ", intended " + expected.format());
                }
            }
            table.row(o.target().label(), o.tid(), expected == null ? "-" : expected.format(), o.affinity().format(),
                    o.cgroupCpus().map(CpuSet::format).orElse("-"), problems.isEmpty() ? "ok" : "DRIFT");
            for (String p : problems) {
                drifts.add(o.target().label() + " (tid " + o.tid() + "): " + p);
            }
        }
        Set<PinTarget> observed = new TreeSet<>();
        seen.forEach(o -> observed.add(o.target()));
        for (VcpuInfo v : d.vcpuInfo()) {
            if (!observed.contains(PinTarget.vcpu(v.vcpu()))) {
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

    /** What the kernel can enforce of a set: its online CPUs. */
    private static CpuSet usable(CpuSet set, HostTopology topo) {
        return topo.online().isEmpty() ? set : set.intersect(topo.online());
    }
}
