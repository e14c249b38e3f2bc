package org.jvirt.host.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.host.NodeCpuStats;
import org.jvirt.host.NodeMemoryStats;
import org.jvirt.linux.ThreadSchedStats;

/** The host views read from a /proc and a /sys made in a temp dir, as libvirt sums them. */
class NodeStatsReaderTest {
    @TempDir
    Path tmp;

    private NodeStatsReader reader() throws Exception {
        Path proc = Files.createDirectories(tmp.resolve("proc"));
        Files.writeString(proc.resolve("stat"), "cpu  100 5 40 900 7 2 1 0 0 0\ncpu0 60 5 20 400 3 1 1 0 0 0\n"
                + "cpu1 40 0 20 500 4 1 0 0 0 0\nintr 1 2 3\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       24683748 kB\nMemFree:        19815508 kB\n"
                + "MemAvailable:   22000000 kB\nBuffers:           44988 kB\nCached:          2660600 kB\n");
        Path node = Files.createDirectories(tmp.resolve("sys/devices/system/node/node0"));
        Files.writeString(node.resolve("meminfo"), "Node 0 MemTotal:       24683748 kB\n"
                + "Node 0 MemFree:        19769196 kB\nNode 0 MemUsed:         4914552 kB\n");
        Path node1 = Files.createDirectories(tmp.resolve("sys/devices/system/node/node1"));
        Files.writeString(node1.resolve("meminfo"), "Node 1 MemTotal: 1024 kB\nNode 1 MemFree: 512 kB\n");
        return new NodeStatsReader(proc, tmp.resolve("sys"));
    }

    @Test
    void cpuTimesInNanosecondsAsLibvirtSumsThem() throws Exception {
        NodeStatsReader r = reader();
        assertThat(r.cpu(OptionalInt.empty())).isEqualTo(new NodeCpuStats(1_050_000_000L, 430_000_000L,
                9_000_000_000L, 70_000_000L));
        assertThat(r.cpu(OptionalInt.of(1)).idleNs()).isEqualTo(5_000_000_000L);
        assertThatThrownBy(() -> r.cpu(OptionalInt.of(7))).hasMessageContaining("Invalid cpuNum");
    }

    @Test
    void memoryOfTheHostAndOfEachCell() throws Exception {
        NodeStatsReader r = reader();
        assertThat(r.memory(OptionalInt.empty())).isEqualTo(new NodeMemoryStats(24683748, 19815508,
                OptionalLong.of(44988), OptionalLong.of(2660600)));
        assertThat(r.memory(OptionalInt.of(0))).isEqualTo(new NodeMemoryStats(24683748, 19769196,
                OptionalLong.empty(), OptionalLong.empty()));
        assertThat(r.cellsFreeBytes()).containsExactly(19769196L * 1024, 512L * 1024);
        assertThat(r.freeBytes()).isEqualTo(19815508L * 1024);
        assertThatThrownBy(() -> r.memory(OptionalInt.of(4))).hasMessageContaining("Invalid cell number 4");
    }

    @Test
    void threadSchedulerStatistics() throws Exception {
        Path task = Files.createDirectories(tmp.resolve("proc/10/task/12"));
        Files.writeString(task.resolve("schedstat"), "5000 700 9\n");
        Files.writeString(task.resolve("sched"), "CPU 0/KVM (12, #threads: 5)\n-----\n"
                + "se.statistics.wait_sum                       :             1.500000\n");
        Files.writeString(tmp.resolve("proc/10/status"), "Name:\tqemu\nVmRSS:\t   65536 kB\n");
        ThreadSchedStats s = new ThreadSchedStats(tmp.resolve("proc"));
        assertThat(s.schedstat(10, 12)).contains(new ThreadSchedStats.SchedStat(5000, 700));
        assertThat(s.waitSum(10, 12)).hasValue(1_500_000);
        assertThat(s.rssKiB(10)).hasValue(65536);
        assertThat(s.schedstat(10, 13)).isEmpty();
    }
}
