package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code <cpu>}: guest CPU model, topology, features and guest NUMA cells. */
public record CpuDef(Optional<String> mode, Optional<String> match, Optional<String> check,
                     Optional<Model> model, Optional<String> vendor, Optional<Topology> topology,
                     List<Feature> features, List<NumaCell> numaCells, Extras extras) {
    public CpuDef {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(topology, "topology");
        features = List.copyOf(features);
        numaCells = List.copyOf(numaCells);
        Objects.requireNonNull(extras, "extras");
    }

    /**
     * As libvirt's QEMU driver fills in a definition: when the guest NUMA cells list fewer vCPUs
     * than the domain has ({@code vcpus}), the first cell also gets every vCPU below
     * {@code vcpus} that no other cell lists. Without cells, or with enough, nothing changes.
     */
    public CpuDef withUnlistedVcpusInFirstCell(int vcpus) {
        long listed = numaCells.stream().mapToLong(c -> c.cpus().size()).sum();
        if (numaCells.isEmpty() || listed >= vcpus) {
            return this;
        }
        CpuSet first = CpuSet.range(0, vcpus - 1);
        for (NumaCell c : numaCells.subList(1, numaCells.size())) {
            first = first.minus(c.cpus());
        }
        java.util.List<NumaCell> cells = new java.util.ArrayList<>(numaCells);
        NumaCell c = cells.get(0);
        cells.set(0, new NumaCell(c.id(), first, c.memoryKiB(), c.memAccess(), c.discard(), c.distances()));
        return new CpuDef(mode, match, check, model, vendor, topology, features, cells, extras);
    }

    /** {@code <model fallback vendor_id>NAME</model>}. */
    public record Model(String name, Optional<String> fallback, Optional<String> vendorId) {
    }

    /** {@code <topology sockets dies cores threads/>}. */
    public record Topology(int sockets, int dies, int cores, int threads) {
        /** The number of vCPUs this topology describes. */
        public long product() {
            return (long) sockets * dies * cores * threads;
        }
    }

    /** {@code <feature policy name/>}. */
    public record Feature(String policy, String name) {
    }

    /**
     * {@code <numa><cell id cpus memory unit memAccess discard>} with its distances.
     *
     * @param memoryKiB the cell's memory in KiB
     */
    public record NumaCell(int id, CpuSet cpus, long memoryKiB, Optional<String> memAccess,
                           Optional<String> discard, List<Distance> distances) {
        public NumaCell {
            distances = List.copyOf(distances);
        }
    }

    /** {@code <distances><sibling id value/>}. */
    public record Distance(int id, int value) {
    }
}
