package org.jvirt.driver.qemu.command;

import static org.jvirt.driver.qemu.command.Opts.add;
import static org.jvirt.driver.qemu.command.Opts.esc;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jvirt.driver.qemu.capabilities.QemuCaps;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;
import org.jvirt.model.VcpuEntry;

/** {@code -machine}, {@code -accel}, {@code -cpu}, {@code -m}, {@code -smp}, I/O threads and guest NUMA. */
final class MachineArgs {
    private final DomainDef def;
    private final QemuCaps caps;
    private final CommandOptions options;

    MachineArgs(DomainDef def, QemuCaps caps, CommandOptions options) {
        this.def = def;
        this.caps = caps;
        this.options = options;
    }

    private List<CpuDef.NumaCell> cells() {
        return def.cpu().map(CpuDef::numaCells).orElse(List.of());
    }

    /** The canonical machine type: {@code <os><type machine>}, else QEMU's default. */
    String machineType() {
        return def.os().type().machine().map(caps::canonicalMachine).orElse(caps.defaultMachine());
    }

    void name(List<String> argv) {
        String v = "guest=" + esc(def.name()) + ",debug-threads=on";
        if (options.setProcessName()) {
            v += ",process=" + esc("qemu:" + def.name());
        }
        add(argv, "-name", v);
    }

    void machine(List<String> argv) {
        String v = esc(machineType()) + ",usb=off,dump-guest-core=off";
        if (cells().isEmpty()) {
            v += ",memory-backend=pc.ram";
        }
        add(argv, "-machine", v);
        add(argv, "-accel", accel());
    }

    private String accel() {
        return switch (def.type()) {
            case "kvm" -> "kvm";
            case "qemu" -> "tcg";
            default -> throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "domain type '%s' is not supported by the QEMU driver (it takes kvm or qemu)", def.type());
        };
    }

    void cpu(List<String> argv) {
        Optional<CpuDef> cpu = def.cpu();
        String mode = cpu.flatMap(CpuDef::mode).orElse("custom");
        String v;
        if (mode.equals("host-passthrough") || mode.equals("host-model")) {
            v = "host,migratable=on";
        } else {
            v = esc(cpu.flatMap(CpuDef::model).map(CpuDef.Model::name).orElse("qemu64"));
        }
        for (CpuDef.Feature f : cpu.map(CpuDef::features).orElse(List.of())) {
            boolean on = !f.policy().equals("disable") && !f.policy().equals("forbid");
            v += "," + esc(f.name()) + "=" + (on ? "on" : "off");
        }
        add(argv, "-cpu", v);
    }

    void memory(List<String> argv) {
        long kib = def.memory().memoryKiB();
        add(argv, "-m", Long.toString((kib + 1023) / 1024));
        if (cells().isEmpty()) {
            ObjectNode ram = Opts.object("qom-type", "memory-backend-ram");
            ram.put("id", "pc.ram");
            ram.put("size", (kib + 1023) / 1024 * 1024 * 1024);
            add(argv, "-object", Opts.json(ram));
        }
        add(argv, "-overcommit", "mem-lock=off");
    }

    /** N = enabled vCPUs that are not hotpluggable (the rest are device_add'ed after spawn). */
    static int bootVcpus(DomainDef def) {
        int n = 0;
        for (VcpuEntry e : def.vcpu().entries()) {
            if (e.enabled() && !e.hotpluggable()) {
                n++;
            }
        }
        return n;
    }

    void smp(List<String> argv) {
        int max = def.vcpu().max();
        int n = bootVcpus(def);
        StringBuilder v = new StringBuilder().append(n);
        if (n != max) {
            v.append(",maxcpus=").append(max);
        }
        Optional<CpuDef.Topology> t = def.cpu().flatMap(CpuDef::topology);
        if (t.isPresent()) {
            v.append(",sockets=").append(t.get().sockets()).append(",dies=").append(t.get().dies())
                    .append(",cores=").append(t.get().cores()).append(",threads=").append(t.get().threads());
        } else {
            v.append(",sockets=").append(max).append(",cores=1,threads=1");
        }
        add(argv, "-smp", v.toString());
        for (int id : def.iothreads().ids()) {
            ObjectNode io = Opts.object("qom-type", "iothread");
            io.put("id", "iothread" + id);
            add(argv, "-object", Opts.json(io));
        }
    }

    void numa(List<String> argv) {
        for (CpuDef.NumaCell cell : cells()) {
            ObjectNode ram = Opts.object("qom-type", "memory-backend-ram");
            ram.put("id", "ram-node" + cell.id());
            ram.put("size", cell.memoryKiB() * 1024);
            hostNodes(cell.id()).ifPresent(b -> {
                ram.set("host-nodes", Opts.ints(b.nodes()));
                ram.put("policy", b.policy());
            });
            add(argv, "-object", Opts.json(ram));
            add(argv, "-numa", "node,nodeid=" + cell.id() + "," + Opts.ranges("cpus", cell.cpus())
                    + ",memdev=ram-node" + cell.id());
        }
    }

    private record Binding(CpuSet nodes, String policy) {
    }

    /**
     * The host nodes of guest cell {@code cellId}: its memnode, else the numatune memory nodeset
     * (or numad's nodes with placement auto); none for restrictive mode or no nodeset.
     */
    private Optional<Binding> hostNodes(int cellId) {
        Optional<NumaTune> nt = def.numatune();
        Optional<NumaTune.MemNode> mn = nt.flatMap(t -> t.memnodes().stream().filter(m -> m.cellId() == cellId)
                .findFirst());
        if (mn.isPresent()) {
            return binding(mn.get().mode(), Optional.of(mn.get().nodeset()));
        }
        Optional<NumaTune.Memory> mem = nt.flatMap(NumaTune::memory);
        if (mem.isEmpty()) {
            return Optional.empty();
        }
        Optional<CpuSet> nodes = mem.get().placement() == Placement.AUTO ? options.numadNodes() : mem.get().nodeset();
        return binding(mem.get().mode(), nodes);
    }

    private static Optional<Binding> binding(NumaMode mode, Optional<CpuSet> nodes) {
        if (nodes.isEmpty() || nodes.get().isEmpty() || mode == NumaMode.RESTRICTIVE) {
            return Optional.empty();
        }
        String policy = switch (mode) {
            case STRICT -> "bind";
            case PREFERRED -> "preferred";
            case INTERLEAVE -> "interleave";
            case RESTRICTIVE -> throw new IllegalStateException("handled above");
        };
        return Optional.of(new Binding(nodes.get(), policy));
    }
}
