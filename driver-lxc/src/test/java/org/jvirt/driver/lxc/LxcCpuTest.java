package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.host.NumadAdvice;
import org.jvirt.linux.cgroup.CpuBandwidth;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;
import org.jvirt.pinning.PinningResolver;

/**
 * The vCPU rules of containers; their allowed CPUs E are core's resolution of a domain placed as
 * a whole ({@link PinningResolver#resolveWhole}), which the LXC driver applies.
 */
class LxcCpuTest {
    /** 8 CPUs in 2 cells (0-3, 4-7), both with memory. */
    static final HostTopology HOST = host();

    private static HostTopology host() {
        List<HostCell> cells = List.of(cell(0, 0), cell(1, 4));
        return new HostTopology("x86_64", "x86_64", 2000, cells, CpuSet.range(0, 7), 8);
    }

    private static HostCell cell(int id, int first) {
        List<HostCpu> cpus = new java.util.ArrayList<>();
        for (int c = first; c < first + 4; c++) {
            cpus.add(new HostCpu(c, 0, 0, c, CpuSet.of(c), id));
        }
        return new HostCell(id, 1024 * 1024, cpus, java.util.Map.of());
    }

    /** E: what the driver gets from core at start. */
    private static CpuSet allowed(DomainDef def, Optional<NumadAdvice> numad) {
        return new PinningResolver().resolveWhole(def, HOST, numad, PinningResolver.Mode.LIVE).emulator().cpus();
    }

    @Test
    void designExampleCpusetFourCurrentTwo() {
        DomainDef def = Defs.container("c", "<vcpu cpuset='0-3' current='2'>4</vcpu>", "");
        assertThat(allowed(def, Optional.empty())).isEqualTo(CpuSet.range(0, 3));
        assertThat(LxcCpu.bandwidth(def, 2)).isEqualTo(new CpuBandwidth(100_000, 200_000));
        assertThat(LxcCpu.bandwidth(def, 3).quotaUs()).isEqualTo(300_000);
        assertThat(LxcCpu.quotaFollowsVcpus(def)).isTrue();
    }

    @Test
    void boundIsTheAllowedCpuCount() {
        DomainDef def = Defs.container("c", "<vcpu cpuset='0'>2</vcpu>", "");
        CpuSet allowed = allowed(def, Optional.empty());
        LxcCpu.checkBound(1, allowed);
        assertThatThrownBy(() -> LxcCpu.checkBound(2, allowed))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VCPU_COUNT);
                    assertThat(e.getMessage()).contains("container wants 2 vCPUs but only 1 host CPUs are allowed");
                });
    }

    @Test
    void withoutCpusetAllOnlineCpusAreAllowed() {
        DomainDef def = Defs.container("c", "<vcpu>2</vcpu>", "");
        assertThat(allowed(def, Optional.empty())).isEqualTo(CpuSet.range(0, 7));
        assertThat(LxcCpu.memoryNodes(def, HOST, Optional.empty())).isEmpty();
    }

    @Test
    void explicitQuotaAndPeriodWinAndAreContainerWide() {
        DomainDef def = Defs.container("c", "<vcpu>4</vcpu>",
                "<cputune><period>50000</period><quota>30000</quota></cputune>");
        assertThat(LxcCpu.bandwidth(def, 4)).isEqualTo(new CpuBandwidth(50_000, 30_000));
        assertThat(LxcCpu.bandwidth(def, 1)).isEqualTo(new CpuBandwidth(50_000, 30_000));
        assertThat(LxcCpu.quotaFollowsVcpus(def)).isFalse();
        DomainDef periodOnly = Defs.container("c", "<vcpu>3</vcpu>", "<cputune><period>20000</period></cputune>");
        assertThat(LxcCpu.bandwidth(periodOnly, 3)).isEqualTo(new CpuBandwidth(20_000, 60_000));
    }

    @Test
    void unlimitedQuotaStaysUnlimited() {
        DomainDef def = Defs.container("c", "<vcpu>1</vcpu>", "<cputune><quota>-1</quota></cputune>");
        assertThat(LxcCpu.bandwidth(def, 1).isUnlimited()).isTrue();
        assertThat(LxcCpu.bandwidth(def, 4).periodUs()).isEqualTo(100_000);
    }

    @Test
    void autoPlacementRestrictsToNumadCpus() {
        DomainDef def = Defs.container("c", "<vcpu placement='auto'>2</vcpu>", "");
        Optional<NumadAdvice> advice = Optional.of(new NumadAdvice(CpuSet.of(1)));
        assertThat(allowed(def, advice)).isEqualTo(CpuSet.range(4, 7));
        assertThatThrownBy(() -> allowed(def, Optional.empty()))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMAD));
    }

    @Test
    void memoryNodesForEveryModeIncludingStrict() {
        for (String mode : List.of("strict", "preferred", "interleave", "restrictive")) {
            DomainDef def = Defs.container("c", "<vcpu>1</vcpu>",
                    "<numatune><memory mode='" + mode + "' nodeset='1'/></numatune>");
            assertThat(LxcCpu.memoryNodes(def, HOST, Optional.empty())).as(mode).contains(CpuSet.of(1));
        }
        DomainDef auto = Defs.container("c", "<vcpu>1</vcpu>",
                "<numatune><memory mode='strict' placement='auto'/></numatune>");
        assertThat(LxcCpu.memoryNodes(auto, HOST, Optional.of(new NumadAdvice(CpuSet.of(0)))))
                .contains(CpuSet.of(0));
    }
}
