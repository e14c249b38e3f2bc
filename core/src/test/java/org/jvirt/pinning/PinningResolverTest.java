package org.jvirt.pinning;

import org.jvirt.host.NumadAdvice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jvirt.pinning.Fixtures.H8;
import static org.jvirt.pinning.Fixtures.TWO_CELLS;
import static org.jvirt.pinning.Fixtures.auto;
import static org.jvirt.pinning.Fixtures.emulatorpin;
import static org.jvirt.pinning.Fixtures.iothreadpin;
import static org.jvirt.pinning.Fixtures.iothreads;
import static org.jvirt.pinning.Fixtures.set;
import static org.jvirt.pinning.Fixtures.vcpupin;
import static org.jvirt.pinning.Fixtures.vm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuDef;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Extras;
import org.jvirt.model.NumaMode;
import org.jvirt.model.NumaTune;
import org.jvirt.model.Placement;
import org.jvirt.pinning.PinningResolver.Mode;
import org.jvirt.pinning.ResolvedSet.Reason;
import org.junit.jupiter.api.Test;

class PinningResolverTest {
    private final PinningResolver resolver = new PinningResolver();
    private static final Optional<NumadAdvice> NODE1 = Optional.of(new NumadAdvice(CpuSet.of(1)));

    private static ResolvedSet rs(String cpus, Reason reason) {
        return new ResolvedSet(set(cpus), reason);
    }

    @Test
    void everyRowOfThePrecedenceTableForVcpus() {
        DomainDef def = vcpupin(vm(3, 3, "2-3"), 1, "5");
        EffectivePinning p = resolver.resolve(def, H8, Optional.empty(), Mode.LIVE);
        assertThat(p.vcpus()).containsExactly(rs("2-3", Reason.VCPU_CPUSET), rs("5", Reason.EXPLICIT_PIN),
                rs("2-3", Reason.VCPU_CPUSET));
        assertThat(resolver.resolve(vm(1), H8, Optional.empty(), Mode.LIVE).vcpu(0))
                .isEqualTo(rs("0-7", Reason.ALL_HOST_CPUS));
    }

    @Test
    void allHostCpusMeansTheOnlineSet() {
        HostTopology holes = Fixtures.host(new int[] {8}, set("0,2,4"), 8);
        assertThat(resolver.resolve(vm(2), holes, Optional.empty(), Mode.CONFIG).emulator())
                .isEqualTo(rs("0,2,4", Reason.ALL_HOST_CPUS));
    }

    @Test
    void autoPlacementUsesNumadLiveAndSkipsItForConfig() {
        DomainDef def = vcpupin(auto(vm(2)), 1, "0");
        EffectivePinning live = resolver.resolve(def, TWO_CELLS, NODE1, Mode.LIVE);
        assertThat(live.vcpus()).containsExactly(rs("4-7", Reason.NUMAD), rs("0", Reason.EXPLICIT_PIN));
        assertThat(live.emulator()).isEqualTo(rs("4-7", Reason.NUMAD));
        EffectivePinning config = resolver.resolve(def, TWO_CELLS, NODE1, Mode.CONFIG);
        assertThat(config.vcpus()).containsExactly(rs("0-7", Reason.ALL_HOST_CPUS), rs("0", Reason.EXPLICIT_PIN));
        assertThat(resolver.resolve(def, TWO_CELLS, Optional.empty(), Mode.CONFIG).emulator())
                .isEqualTo(rs("0-7", Reason.ALL_HOST_CPUS));
    }

    @Test
    void autoPlacementLiveWithoutAdviceIsNumadError() {
        DomainDef def = auto(vm(2));
        assertThatThrownBy(() -> resolver.resolve(def, H8, Optional.empty(), Mode.LIVE))
                .isInstanceOf(VirtException.class).hasMessage("numad gave no placement advice")
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.NUMAD);
        // pinned vCPUs do not help: the emulator still needs the advice
        DomainDef pinnedVcpus = vcpupin(vcpupin(def, 0, "1"), 1, "2");
        assertThatThrownBy(() -> resolver.resolve(pinnedVcpus, H8, Optional.empty(), Mode.LIVE))
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.NUMAD);
    }

    @Test
    void numadAdviceOfACpulessNodeIsNumadError() {
        HostTopology memOnly = new HostTopology("x86_64", "m", 1, List.of(TWO_CELLS.cells().get(0),
                new HostCell(1, 1024, List.of(), Map.of())), set("0-3"), 4);
        assertThatThrownBy(() -> resolver.resolve(auto(vm(1)), memOnly, NODE1, Mode.LIVE))
                .hasMessageContaining("advised host nodes '1' have no online CPU")
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.NUMAD);
    }

    @Test
    void numadAdviceHelpers() {
        NumadAdvice a = new NumadAdvice(set("0-1"));
        HostTopology host = new HostTopology("x86_64", "m", 1, List.of(TWO_CELLS.cells().get(0),
                new HostCell(1, 0, TWO_CELLS.cells().get(1).cpus(), Map.of())), set("0-6"), 8);
        assertThat(a.cpus(host)).isEqualTo(set("0-6")); // CPU 7 is offline
        assertThat(a.memoryNodes(host)).isEqualTo(set("0")); // node 1 has no memory
        assertThat(new NumadAdvice(set("1")).cpus(TWO_CELLS)).isEqualTo(set("4-7"));
    }

    @Test
    void emulatorRows() {
        assertThat(resolver.resolveEmulator(emulatorpin(vm(1, 1, "2-3"), "7"), H8, Optional.empty(), Mode.LIVE))
                .isEqualTo(rs("7", Reason.EXPLICIT_PIN));
        assertThat(resolver.resolveEmulator(vm(1, 1, "2-3"), H8, Optional.empty(), Mode.LIVE))
                .isEqualTo(rs("2-3", Reason.VCPU_CPUSET));
        assertThat(resolver.resolveEmulator(vm(1), H8, Optional.empty(), Mode.LIVE))
                .isEqualTo(rs("0-7", Reason.ALL_HOST_CPUS));
    }

    @Test
    void iothreadRowsAndUnknownThread() {
        DomainDef def = iothreadpin(iothreads(vm(2, 2, "0-1"), 1, 2, 5), 5, "3");
        EffectivePinning p = resolver.resolve(def, H8, Optional.empty(), Mode.LIVE);
        assertThat(p.iothreads()).containsOnlyKeys(1, 2, 5);
        assertThat(p.iothread(5)).isEqualTo(rs("3", Reason.EXPLICIT_PIN));
        assertThat(p.iothread(1)).isEqualTo(rs("0-1", Reason.VCPU_CPUSET));
        assertThatThrownBy(() -> p.iothread(3)).hasMessage("iothreadpin: no I/O thread 3");
        assertThatThrownBy(() -> resolver.resolveIothread(def, 0, H8, Optional.empty(), Mode.LIVE))
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.PIN_TARGET);
    }

    @Test
    void offlineVcpusAreResolvedToo() {
        DomainDef def = vcpupin(vm(4, 1, "1-2"), 3, "6");
        EffectivePinning p = resolver.resolve(def, H8, Optional.empty(), Mode.CONFIG);
        assertThat(p.vcpus()).hasSize(4);
        assertThat(p.vcpu(2)).isEqualTo(rs("1-2", Reason.VCPU_CPUSET));
        assertThat(p.vcpu(3)).isEqualTo(rs("6", Reason.EXPLICIT_PIN));
        assertThatThrownBy(() -> p.vcpu(4)).hasMessage("vcpu 4 is out of range: the domain has vCPUs 0-3 (maximum 4)");
        assertThatThrownBy(() -> resolver.resolveVcpu(def, -1, H8, Optional.empty(), Mode.LIVE))
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.INVALID_ARG);
    }

    @Test
    void pinsBeyondMaximumAreIgnored() {
        DomainDef def = vcpupin(vm(2), 4, "6");
        assertThat(resolver.resolve(def, H8, Optional.empty(), Mode.LIVE).vcpus())
                .extracting(ResolvedSet::reason).containsOnly(Reason.ALL_HOST_CPUS);
    }

    // ------------------------------------------------------------ spawn mask (4.4)

    private static DomainDef numatune(DomainDef def, NumaMode mode, Placement placement, String nodeset) {
        return def.withNumatune(Optional.of(new NumaTune(Optional.of(new NumaTune.Memory(mode, placement,
                Optional.ofNullable(nodeset).map(CpuSet::parse))), List.of(), Extras.NONE)));
    }

    private static DomainDef cells(DomainDef def, int count) {
        List<CpuDef.NumaCell> cells = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            cells.add(new CpuDef.NumaCell(i, CpuSet.of(i), 1024, Optional.empty(), Optional.empty(), List.of()));
        }
        return def.toBuilder().cpu(Optional.of(new CpuDef(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), cells, Extras.NONE))).build();
    }

    @Test
    void spawnMaskStrictNumatuneWinsWithAtMostOneGuestCell() {
        DomainDef def = emulatorpin(numatune(vm(2), NumaMode.STRICT, Placement.STATIC, "1"), "0");
        assertThat(resolver.spawnMask(def, TWO_CELLS, Optional.empty())).isEqualTo(set("4-7"));
        assertThat(resolver.spawnMask(cells(def, 1), TWO_CELLS, Optional.empty())).isEqualTo(set("4-7"));
        assertThat(resolver.spawnMask(cells(def, 2), TWO_CELLS, Optional.empty())).isEqualTo(set("0"));
    }

    @Test
    void spawnMaskOtherModesUseEmulatorpinThenAllCpus() {
        DomainDef interleave = numatune(vm(2), NumaMode.INTERLEAVE, Placement.STATIC, "1");
        assertThat(resolver.spawnMask(emulatorpin(interleave, "2"), TWO_CELLS, Optional.empty())).isEqualTo(set("2"));
        assertThat(resolver.spawnMask(interleave, TWO_CELLS, Optional.empty())).isEqualTo(set("0-7"));
        assertThat(resolver.spawnMask(vm(1, 1, "3"), TWO_CELLS, Optional.empty())).isEqualTo(set("0-7"));
    }

    @Test
    void spawnMaskStrictAutoUsesNumadNodes() {
        DomainDef def = numatune(auto(vm(2)), NumaMode.STRICT, Placement.AUTO, null);
        assertThat(resolver.spawnMask(def, TWO_CELLS, NODE1)).isEqualTo(set("4-7"));
        assertThatThrownBy(() -> resolver.spawnMask(def, TWO_CELLS, Optional.empty()))
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.NUMAD);
    }

    @Test
    void spawnMaskOfCpulessStrictNodesIsHostCpuError() {
        DomainDef def = numatune(vm(2), NumaMode.STRICT, Placement.STATIC, "3");
        assertThatThrownBy(() -> resolver.spawnMask(def, TWO_CELLS, Optional.empty()))
                .hasMessage("numatune: host NUMA nodes '3' have no online CPU")
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.HOST_CPU);
    }

    // ------------------------------------------------------------ V24 findings

    @Test
    void hostCpuViolationsNameTheSetting() {
        DomainDef def = iothreadpin(iothreads(emulatorpin(vcpupin(vm(4, 3, "6-9"), 1, "12"), "4,8"), 1, 2), 2, "30");
        assertThat(resolver.hostCpuViolations(def, H8, Optional.empty()))
                .extracting(HostCpuViolation::message).containsExactly(
                        "vcpu cpuset: host CPU 8 does not exist or is offline",
                        "vcpupin 1: host CPU 12 does not exist or is offline",
                        "emulatorpin: host CPU 8 does not exist or is offline",
                        "iothreadpin 2: host CPU 30 does not exist or is offline");
    }

    @Test
    void hostCpuViolationsIgnoreOfflineVcpus() {
        DomainDef def = vcpupin(vm(4, 2, "1-2"), 3, "9");
        assertThat(resolver.hostCpuViolations(def, H8, Optional.empty())).isEmpty();
        assertThat(resolver.hostCpuViolations(vcpupin(def, 1, "9"), H8, Optional.empty()))
                .containsExactly(new HostCpuViolation("vcpupin 1", 9));
    }

    @Test
    void hostCpuViolationsSeeOfflineHostCpus() {
        HostTopology holes = Fixtures.host(new int[] {8}, set("0,2,4"), 8);
        assertThat(resolver.hostCpuViolations(vm(1, 1, "0-2"), holes, Optional.empty()))
                .containsExactly(new HostCpuViolation("vcpu cpuset", 1));
        assertThat(resolver.hostCpuViolations(vm(1), holes, Optional.empty())).isEmpty();
    }
}
