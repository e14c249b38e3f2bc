package org.jvirt.host.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.host.HostTopology;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.NodeInfo;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

class SysfsHostProbeTest {
    @TempDir
    Path root;

    private static CpuSet set(String s) {
        return CpuSet.parse(s);
    }

    @Test
    void twoNodesTwoSocketsTwoCoresTwoThreads() {
        FakeSysfs.twoSocketsTwoCoresTwoThreads(root);
        SysfsHostProbe probe = new SysfsHostProbe(root);
        HostTopology t = probe.topology();

        assertThat(t.arch()).isEqualTo("x86_64");
        assertThat(t.cpuModel()).isEqualTo("x86_64");
        assertThat(t.mhz()).isEqualTo(2399); // the last "cpu MHz" line, truncated
        assertThat(t.online()).isEqualTo(set("0-7"));
        assertThat(t.cpuMapWidth()).isEqualTo(8);
        assertThat(t.cells()).hasSize(2);

        HostCell c0 = t.cells().get(0);
        assertThat(c0.id()).isZero();
        assertThat(c0.memoryKiB()).isEqualTo(2_097_152);
        assertThat(c0.distances()).isEqualTo(Map.of(0, 10, 1, 21));
        assertThat(c0.cpus()).containsExactly(
                new HostCpu(0, 0, 0, 0, set("0,4"), 0),
                new HostCpu(1, 0, 0, 1, set("1,5"), 0),
                new HostCpu(4, 0, 0, 0, set("0,4"), 0),
                new HostCpu(5, 0, 0, 1, set("1,5"), 0));
        HostCell c1 = t.cells().get(1);
        assertThat(c1.memoryKiB()).isEqualTo(4_194_304);
        assertThat(c1.distances()).isEqualTo(Map.of(0, 21, 1, 10));
        assertThat(c1.cpuSet()).isEqualTo(set("2-3,6-7"));
        assertThat(c1.cpus().get(3)).isEqualTo(new HostCpu(7, 1, 0, 1, set("3,7"), 1));

        assertThat(probe.hostname()).isEqualTo("fakehost");
        assertThat(probe.totalMemoryKiB()).isEqualTo(6_291_456);
        assertThat(probe.nodeInfo()).isEqualTo(new NodeInfo("x86_64", 6_291_456, 8, 2399, 2, 1, 2, 2));
    }

    @Test
    void offlineCpuHasNoPlaceAndIsNotOnline() {
        FakeSysfs f = FakeSysfs.twoSocketsTwoCoresTwoThreads(root);
        f.cpuLists("0-6", null, null).offlineCpu(7);
        assertThat(root.resolve("sys/devices/system/cpu/cpu7/topology")).doesNotExist();
        f.cpu(3, 1, 0, 1, "3").cpu(6, 1, 0, 0, "2,6");

        HostTopology t = new SysfsHostProbe(root).topology();
        assertThat(t.online()).isEqualTo(set("0-6"));
        assertThat(t.cpus()).hasSize(8);
        assertThat(t.cell(1).orElseThrow().cpus()).contains(new HostCpu(7, -1, -1, -1, CpuSet.EMPTY, 1));
        assertThat(t.cell(1).orElseThrow().cpus()).contains(new HostCpu(3, 1, 0, 1, set("3"), 1));
        // 2 nodes x 1 socket x 2 cores x 2 threads = 8 = 7 online + 1 offline: no fallback
        assertThat(NodeInfo.of(t)).isEqualTo(new NodeInfo("x86_64", 6_291_456, 7, 2399, 2, 1, 2, 2));
    }

    @Test
    void memorylessNodeAndCpulessNode() {
        new FakeSysfs(root).cpuLists("0-3", "0-3", "0-7").arch("x86_64")
                .cpu(0, 0, 0, 0, "0").cpu(1, 0, 0, 1, "1").cpu(2, 0, 0, 2, "2").cpu(3, 0, 0, 3, "3")
                .nodeOnline("0-2")
                .node(0, "0-1", 1_048_576, List.of(10, 20, 30))
                .node(1, "2-3", 0, List.of(20, 10, 30))   // CPUs, no memory
                .node(2, "", 524_288, List.of(30, 30, 10)) // memory, no CPUs
                .meminfo(1_572_864);
        HostTopology t = new SysfsHostProbe(root).topology();
        assertThat(t.cells()).extracting(HostCell::id).containsExactly(0, 1, 2);
        assertThat(t.cell(1).orElseThrow().memoryKiB()).isZero();
        assertThat(t.cell(1).orElseThrow().cpuSet()).isEqualTo(set("2-3"));
        assertThat(t.cell(2).orElseThrow().cpus()).isEmpty();
        assertThat(t.cell(2).orElseThrow().distances()).isEqualTo(Map.of(0, 30, 1, 30, 2, 10));
        assertThat(t.cellsWithMemory(set("0-2"))).isEqualTo(set("0,2"));
        assertThat(t.cpuMapWidth()).isEqualTo(4); // present wins over possible (libvirt)
        assertThat(t.mhz()).isZero(); // no /proc/cpuinfo
        // libvirt counts every node: 3 x 1 x 2 x 1 != 4 -> the flat fallback
        assertThat(NodeInfo.of(t, 1_572_864)).isEqualTo(new NodeInfo("x86_64", 1_572_864, 4, 0, 1, 1, 4, 1));
    }

    @Test
    void noNodeDirectoryGivesOneCellWithEverything() {
        new FakeSysfs(root).cpuLists("0-3", "0-3", "0-3").arch("aarch64")
                .cpu(0, 0, 0, 0, "0-1").cpu(1, 0, 0, 0, "0-1").cpu(2, 0, 0, 1, "2-3").cpu(3, 0, 0, 1, "2-3")
                .meminfo(8_000_000).cpuinfoMhz("1000.0");
        HostTopology t = new SysfsHostProbe(root).topology();
        assertThat(t.cells()).hasSize(1);
        HostCell c = t.cells().get(0);
        assertThat(c.id()).isZero();
        assertThat(c.memoryKiB()).isEqualTo(8_000_000);
        assertThat(c.distances()).isEmpty();
        assertThat(c.cpuSet()).isEqualTo(set("0-3"));
        assertThat(t.mhz()).isZero(); // ARM: libvirt reads no frequency
        assertThat(NodeInfo.of(t)).isEqualTo(new NodeInfo("aarch64", 8_000_000, 4, 0, 1, 1, 2, 2));
    }

    @Test
    void presentFileMissingUsesCpuDirectoriesAndPossibleForWidth() {
        new FakeSysfs(root).cpuLists(null, null, "0-15").arch("x86_64")
                .cpu(0, 0, 0, 0, "0").cpu(1, 0, 0, 1, "1").meminfo(1024);
        HostTopology t = new SysfsHostProbe(root).topology();
        assertThat(t.cpus()).extracting(HostCpu::id).containsExactly(0, 1);
        assertThat(t.online()).isEqualTo(set("0-1")); // no online file: all known CPUs
        assertThat(t.cpuMapWidth()).isEqualTo(16);
    }

    @Test
    void missingDieIdIsDieZeroAndSocketMinusOneIsSocketZero() {
        FakeSysfs f = new FakeSysfs(root).cpuLists("0", "0", "0").arch("s390x").cpu(0, -1, 0, 0, "0").meminfo(1);
        FakeSysfs.delete(root.resolve("sys/devices/system/cpu/cpu0/topology/die_id"));
        assertThat(f.root()).isEqualTo(root);
        assertThat(new SysfsHostProbe(root).topology().cpus()).containsExactly(new HostCpu(0, 0, 0, 0, set("0"), 0));
    }

    @Test
    void distancesThatDoNotMatchTheNodeListAreDropped() {
        new FakeSysfs(root).cpuLists("0", "0", "0").arch("x86_64").cpu(0, 0, 0, 0, "0")
                .nodeOnline("0").node(0, "0", 100, List.of(10, 20)).meminfo(100);
        assertThat(new SysfsHostProbe(root).topology().cells().get(0).distances()).isEmpty();
    }

    @Test
    void garbageInSysfsIsAnErrorNamingTheFile() {
        new FakeSysfs(root).cpuLists("0-1", "0-1", "0-1").arch("x86_64").cpu(0, 0, 0, 0, "0").cpu(1, 0, 0, 1, "1")
                .write("sys/devices/system/cpu/cpu1/topology/core_id", "one\n").meminfo(1);
        assertThatThrownBy(() -> new SysfsHostProbe(root).topology()).isInstanceOfSatisfying(VirtException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_HOST_DATA);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.HOST);
                    assertThat(e.getMessage()).contains("cpu1/topology/core_id: expected an integer, got 'one'");
                });
    }

    @Test
    void garbageCpuListAndMeminfoAreErrors() {
        new FakeSysfs(root).cpuLists("0-x", "0", "0").arch("x86_64").cpu(0, 0, 0, 0, "0").meminfo(1);
        assertThatThrownBy(() -> new SysfsHostProbe(root).topology()).isInstanceOf(VirtException.class)
                .hasMessageContaining("cpu/online: not a CPU list");
        Path other = root.resolve("other");
        new FakeSysfs(other).cpuLists("0", "0", "0").arch("x86_64").cpu(0, 0, 0, 0, "0")
                .nodeOnline("0").node(0, "0", 1, null).write("sys/devices/system/node/node0/meminfo", "junk\n");
        assertThatThrownBy(() -> new SysfsHostProbe(other).topology()).isInstanceOf(VirtException.class)
                .hasMessageContaining("node0/meminfo: no MemTotal line");
    }

    @Test
    void missingTopologyFileIsAnError() {
        new FakeSysfs(root).cpuLists("0", "0", "0").arch("x86_64").cpu(0, 0, 0, 0, "0").meminfo(1);
        FakeSysfs.delete(root.resolve("sys/devices/system/cpu/cpu0/topology/thread_siblings_list"));
        assertThatThrownBy(() -> new SysfsHostProbe(root).topology()).isInstanceOf(VirtException.class)
                .hasMessageEndingWith("cpu0/topology: thread_siblings_list is missing");
    }

    @Test
    void emptyRootHasNoCpusAndNoHostname() {
        SysfsHostProbe probe = new SysfsHostProbe(root);
        assertThatThrownBy(probe::topology).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_HOST_DATA));
        assertThatThrownBy(probe::hostname).isInstanceOf(VirtException.class).hasMessageContaining("host name");
    }
}
