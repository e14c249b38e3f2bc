package org.jvirt.tuning;

import java.util.List;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NumadAdvice;
import org.jvirt.model.CpuSet;
import org.jvirt.model.Extras;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;

/**
 * libvirt's rules for {@code numatune} on a stored definition and on a running domain: the
 * nodes must exist on the host; a running domain keeps its mode and changes its nodes only in
 * strict or restrictive mode with static placement (its memory then moves with the cgroups'
 * {@code cpuset.mems}); a stored definition may change both.
 */
public final class NumaRules {
    private NumaRules() {
    }

    private static VirtException error(ErrorCode code, String format, Object... args) {
        return VirtException.of(code, ErrorDomain.DOMAIN_CONF, format, args);
    }

    /** What {@code virsh numatune} shows of a definition; live ones show numad's nodes under placement='auto'. */
    public static NumaParameters of(Optional<NumaTune> numatune, Optional<NumadAdvice> numad) {
        Optional<NumaTune.Memory> m = numatune.flatMap(NumaTune::memory);
        NumaMode mode = m.map(NumaTune.Memory::mode).orElse(NumaMode.STRICT);
        CpuSet nodes = m.flatMap(NumaTune.Memory::nodeset).orElse(CpuSet.EMPTY);
        if (m.isPresent() && m.get().placement() == Placement.AUTO) {
            nodes = numad.map(NumadAdvice::nodeset).orElse(CpuSet.EMPTY);
        }
        return new NumaParameters(mode, nodes);
    }

    /** INVALID_ARG unless every node of {@code nodeset} is a NUMA cell of {@code host}. */
    public static void checkNodes(CpuSet nodeset, HostTopology host) {
        if (nodeset.isEmpty()) {
            throw error(ErrorCode.INVALID_ARG, "nodeset for NUMA memory tuning must not be empty");
        }
        CpuSet cells = CpuSet.of(host.cells().stream().mapToInt(HostCell::id).toArray());
        CpuSet missing = nodeset.minus(cells);
        if (!missing.isEmpty()) {
            throw error(ErrorCode.INVALID_ARG, "NUMA node %d is unavailable: the host has node(s) %s",
                    missing.first(), cells.format());
        }
    }

    /** The stored definition's {@code <numatune>} after {@code change}. */
    public static Optional<NumaTune> applyToConfig(Optional<NumaTune> numatune, NumaChange change) {
        Optional<NumaTune.Memory> old = numatune.flatMap(NumaTune::memory);
        NumaMode mode = change.mode().orElse(old.map(NumaTune.Memory::mode).orElse(NumaMode.STRICT));
        Placement placement = change.nodeset().isPresent() ? Placement.STATIC
                : old.map(NumaTune.Memory::placement).orElse(Placement.STATIC);
        Optional<CpuSet> nodes = change.nodeset().isPresent() ? change.nodeset()
                : old.flatMap(NumaTune.Memory::nodeset);
        if (placement == Placement.STATIC && nodes.isEmpty()) {
            throw error(ErrorCode.NUMATUNE, "nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
        }
        NumaTune.Memory memory = new NumaTune.Memory(mode, placement, placement == Placement.AUTO ? Optional.empty() : nodes);
        List<NumaTune.MemNode> memnodes = numatune.map(NumaTune::memnodes).orElse(List.of());
        Extras extras = numatune.map(NumaTune::extras).orElse(Extras.NONE);
        return Optional.of(new NumaTune(Optional.of(memory), memnodes, extras));
    }

    /**
     * The running domain's {@code <numatune>} after {@code change}, refused where the kernel
     * cannot follow: a new mode, a node set outside strict/restrictive mode or under numad's
     * placement. Empty when nothing changes.
     */
    public static Optional<NumaTune> applyToLive(Optional<NumaTune> numatune, NumaChange change) {
        Optional<NumaTune.Memory> old = numatune.flatMap(NumaTune::memory);
        NumaMode mode = old.map(NumaTune.Memory::mode).orElse(NumaMode.STRICT);
        if (change.mode().isPresent() && change.mode().get() != mode) {
            throw error(ErrorCode.OPERATION_INVALID, "can't change numatune mode for running domain "
                    + "(it is %s; change it with --config for the next start)", mode.xml());
        }
        if (change.nodeset().isEmpty()) {
            return Optional.empty();
        }
        if (mode != NumaMode.STRICT && mode != NumaMode.RESTRICTIVE) {
            throw error(ErrorCode.OPERATION_INVALID,
                    "change of nodeset for running domain requires strict or restrictive numa mode (it is %s)",
                    mode.xml());
        }
        if (old.isPresent() && old.get().placement() == Placement.AUTO) {
            throw error(ErrorCode.OPERATION_INVALID, "change of nodeset for running domain requires static placement "
                    + "(numad chose the nodes of this one: placement='auto')");
        }
        NumaTune.Memory memory = new NumaTune.Memory(mode, Placement.STATIC, change.nodeset());
        List<NumaTune.MemNode> memnodes = numatune.map(NumaTune::memnodes).orElse(List.of());
        Extras extras = numatune.map(NumaTune::extras).orElse(Extras.NONE);
        return Optional.of(new NumaTune(Optional.of(memory), memnodes, extras));
    }
}
