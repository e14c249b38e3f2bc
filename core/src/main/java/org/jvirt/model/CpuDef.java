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
