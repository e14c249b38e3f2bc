package org.jvirt.host.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

/**
 * The production probe reads the kernel's files and starts OSHI only where they fall short (no
 * CPU listed) and for the host name.
 */
class SystemHostProbeTest {
    @TempDir
    Path root;

    /** Counts how often the probe is made. */
    private static <T> Supplier<T> counted(AtomicInteger made, Supplier<T> maker) {
        return () -> {
            made.incrementAndGet();
            return maker.get();
        };
    }

    @Test
    void aCompleteSysfsAnswersWithoutOshi() {
        FakeSysfs.twoSocketsTwoCoresTwoThreads(root);
        AtomicInteger oshiMade = new AtomicInteger();
        SystemHostProbe probe = new SystemHostProbe(() -> new SysfsHostProbe(root),
                counted(oshiMade, () -> {
                    throw new AssertionError("OSHI started");
                }));
        assertThat(probe.topology()).isEqualTo(new SysfsHostProbe(root).topology());
        assertThat(probe.totalMemoryKiB()).isEqualTo(new SysfsHostProbe(root).totalMemoryKiB());
        assertThat(probe.nodeInfo().cpus()).isEqualTo(8);
        assertThat(oshiMade).hasValue(0);
    }

    @Test
    void aSysfsWithoutCpusFallsBackToOshi() throws Exception {
        Files.createDirectories(root.resolve("sys/devices/system"));
        AtomicInteger oshiMade = new AtomicInteger();
        SystemHostProbe probe = new SystemHostProbe(() -> new SysfsHostProbe(root),
                counted(oshiMade, OshiHostProbe::system));
        assertThatThrownBy(() -> new SysfsHostProbe(root).topology()).isInstanceOf(VirtException.class)
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.NO_HOST_DATA);
        assertThat(probe.topology()).isEqualTo(OshiHostProbe.system().topology());
        assertThat(oshiMade).hasValue(1);
    }

    @Test
    void onThisHostTheTopologyIsOshisWithoutStartingIt() {
        assumeTrue(Files.isDirectory(Path.of("/sys/devices/system/cpu")), "needs Linux sysfs");
        AtomicInteger oshiMade = new AtomicInteger();
        SystemHostProbe probe = new SystemHostProbe(() -> {
            SysfsReader reader = new SysfsReader(Path.of("/"));
            return new SysfsHostProbe(reader, reader.hostArch());
        }, counted(oshiMade, OshiHostProbe::system));
        assertThat(probe.topology()).isEqualTo(OshiHostProbe.system().topology());
        assertThat(probe.totalMemoryKiB()).isEqualTo(OshiHostProbe.system().totalMemoryKiB());
        assertThat(oshiMade).hasValue(0);
        assertThat(probe.hostname()).isEqualTo(OshiHostProbe.system().hostname());
        assertThat(oshiMade).hasValue(1);
    }
}
