package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A domain definition: what libvirt domain XML says, as immutable values. No XML and no I/O.
 * Build one with {@link #builder(String)}; derive variants with the {@code with*} methods.
 */
public record DomainDef(
        String type,
        String name,
        UUID uuid,
        Optional<String> title,
        Optional<String> description,
        Optional<OpaqueNode.Element> metadata,
        DomainMemory memory,
        Vcpu vcpu,
        Iothreads iothreads,
        CpuTune cputune,
        Optional<NumaTune> numatune,
        Optional<String> resourcePartition,
        Optional<CpuDef> cpu,
        Optional<MemTune> memtune,
        OsDef os,
        Optional<Features> features,
        Clock clock,
        Lifecycle lifecycle,
        Optional<Pm> pm,
        Devices devices,
        Extras extras) {

    public DomainDef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(vcpu, "vcpu");
        Objects.requireNonNull(iothreads, "iothreads");
        Objects.requireNonNull(cputune, "cputune");
        Objects.requireNonNull(numatune, "numatune");
        Objects.requireNonNull(resourcePartition, "resourcePartition");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memtune, "memtune");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(pm, "pm");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(extras, "extras");
    }

    /** The {@code <memory>} of {@code <numatune>}, when given. */
    public Optional<NumaTune.Memory> numaMemory() {
        return numatune.isPresent() ? numatune.get().memory() : Optional.empty();
    }

    /** True when {@code <numatune>}'s memory placement is 'auto' (numad's advice). */
    public boolean autoMemoryPlacement() {
        Optional<NumaTune.Memory> memory = numaMemory();
        return memory.isPresent() && memory.get().placement() == Placement.AUTO;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.type = type;
        b.uuid = uuid;
        b.title = title;
        b.description = description;
        b.metadata = metadata;
        b.memory = memory;
        b.vcpu = vcpu;
        b.iothreads = iothreads;
        b.cputune = cputune;
        b.numatune = numatune;
        b.resourcePartition = resourcePartition;
        b.cpu = cpu;
        b.memtune = memtune;
        b.os = os;
        b.features = features;
        b.clock = clock;
        b.lifecycle = lifecycle;
        b.pm = pm;
        b.devices = devices;
        b.extras = extras;
        return b;
    }

    public DomainDef withOs(OsDef value) {
        return toBuilder().os(value).build();
    }

    public DomainDef withVcpu(Vcpu value) {
        return toBuilder().vcpu(value).build();
    }

    public DomainDef withCputune(CpuTune value) {
        return toBuilder().cputune(value).build();
    }

    public DomainDef withNumatune(Optional<NumaTune> value) {
        return toBuilder().numatune(value).build();
    }

    /** This definition without its secrets (graphics passwords), as domain XML shows it by default. */
    public DomainDef withoutSecrets() {
        if (devices.of(Graphics.class).stream().noneMatch(g -> g.passwd().isPresent())) {
            return this;
        }
        List<Device> list = devices.list().stream()
                .map(d -> d instanceof Graphics g ? (Device) g.withoutPassword() : d).toList();
        return toBuilder().devices(new Devices(devices.emulator(), list, devices.extras())).build();
    }

    /**
     * The guest NUMA cells filled in as libvirt's QEMU driver does when a domain is defined: the
     * cells' memory is the domain's memory size ({@code <currentMemory>} no larger), and a vCPU
     * that no cell lists joins the first cell (QEMU takes both only that way). Without cells,
     * nothing changes.
     */
    public DomainDef withGuestNumaFilledIn() {
        if (cpu.isEmpty() || cpu.get().numaCells().isEmpty()) {
            return this;
        }
        CpuDef filled = cpu.get().withUnlistedVcpusInFirstCell(vcpu.max());
        long total = filled.numaCells().stream().mapToLong(CpuDef.NumaCell::memoryKiB).sum();
        DomainMemory m = total == 0 ? memory
                : new DomainMemory(total, Math.min(memory.currentKiB(), total), memory.maxMemory(), memory.dumpCore());
        return toBuilder().cpu(Optional.of(filled)).memory(m).build();
    }

    /** Builds a {@link DomainDef}; every field starts at the value a minimal XML would give. */
    public static final class Builder {
        private String type = "kvm";
        private String name;
        private UUID uuid = new UUID(0, 0);
        private Optional<String> title = Optional.empty();
        private Optional<String> description = Optional.empty();
        private Optional<OpaqueNode.Element> metadata = Optional.empty();
        private DomainMemory memory = DomainMemory.ofKiB(131072);
        private Vcpu vcpu = Vcpu.of(1);
        private Iothreads iothreads = Iothreads.NONE;
        private CpuTune cputune = CpuTune.EMPTY;
        private Optional<NumaTune> numatune = Optional.empty();
        private Optional<String> resourcePartition = Optional.empty();
        private Optional<CpuDef> cpu = Optional.empty();
        private Optional<MemTune> memtune = Optional.empty();
        private OsDef os = OsDef.of("hvm");
        private Optional<Features> features = Optional.empty();
        private Clock clock = Clock.UTC;
        private Lifecycle lifecycle = Lifecycle.DEFAULT;
        private Optional<Pm> pm = Optional.empty();
        private Devices devices = Devices.NONE;
        private Extras extras = Extras.NONE;

        private Builder(String name) {
            this.name = name;
        }

        public Builder type(String value) { type = value; return this; }
        public Builder name(String value) { name = value; return this; }
        public Builder uuid(UUID value) { uuid = value; return this; }
        public Builder title(Optional<String> value) { title = value; return this; }
        public Builder description(Optional<String> value) { description = value; return this; }
        public Builder metadata(Optional<OpaqueNode.Element> value) { metadata = value; return this; }
        public Builder memory(DomainMemory value) { memory = value; return this; }
        public Builder vcpu(Vcpu value) { vcpu = value; return this; }
        public Builder iothreads(Iothreads value) { iothreads = value; return this; }
        public Builder cputune(CpuTune value) { cputune = value; return this; }
        public Builder numatune(Optional<NumaTune> value) { numatune = value; return this; }
        public Builder resourcePartition(Optional<String> value) { resourcePartition = value; return this; }
        public Builder cpu(Optional<CpuDef> value) { cpu = value; return this; }
        public Builder memtune(Optional<MemTune> value) { memtune = value; return this; }
        public Builder os(OsDef value) { os = value; return this; }
        public Builder features(Optional<Features> value) { features = value; return this; }
        public Builder clock(Clock value) { clock = value; return this; }
        public Builder lifecycle(Lifecycle value) { lifecycle = value; return this; }
        public Builder pm(Optional<Pm> value) { pm = value; return this; }
        public Builder devices(Devices value) { devices = value; return this; }
        public Builder extras(Extras value) { extras = value; return this; }

        public DomainDef build() {
            return new DomainDef(type, name, uuid, title, description, metadata, memory, vcpu, iothreads,
                    cputune, numatune, resourcePartition, cpu, memtune, os, features, clock, lifecycle, pm, devices,
                    extras);
        }
    }
}
