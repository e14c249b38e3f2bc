package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.CgroupVersion;

/**
 * Real virsh against jvirtd holding real containers ({@code lxc:///system}): the scenario prints
 * through jvirtd what jvirsh prints on the driver directly, a live vCPU change is the quota the
 * kernel shows in the container's cgroup, pinning is libvirt's NO_SUPPORT, and an event watcher
 * hears the lifecycle and the vCPU change. Needs root, util-linux and virsh; skipped without them,
 * failed without them under CI=true. Run under flock /work/coord/real-tests.lock on a shared machine.
 */
class LxcThroughJvirtdTest {
    private static final String NAME = "jvit-dl-ct";

    @TempDir
    Path dir;
    private DaemonHarness daemon;

    @BeforeAll
    static void clean() throws Exception {
        LxcEnv.require();
        Tools.virsh();
        LxcEnv.writeConf();
        LxcEnv.sweep();
    }

    @AfterAll
    static void cleanAfter() throws Exception {
        LxcEnv.sweep();
    }

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        LxcEnv.sweep();
    }

    private Tools.Result virsh(String stdin) throws Exception {
        return Tools.run(List.of(Tools.virsh().toString(), "-c", daemon.uri("lxc:///system")), stdin, Map.of(), 120);
    }

    private static Tools.Result jvirshDirectly(String stdin) throws Exception {
        return Tools.run(Tools.jvirsh("-c", "lxc:///system"), stdin,
                Map.of("JVIRT_CONF_DIR", LxcEnv.CONF.toString(), "JVIRT_JVIRTD", "never"), 120);
    }

    /** The container's CPU bandwidth as the kernel shows it: "QUOTA PERIOD". */
    private static String bandwidth() throws Exception {
        CgroupBackend cg = LxcEnv.cgroups();
        var g = LxcEnv.group(NAME);
        if (cg.version() == CgroupVersion.V2) {
            return Files.readString(cg.controlFile(CgroupController.CPU, g, "cpu.max")).strip();
        }
        return Files.readString(cg.controlFile(CgroupController.CPU, g, "cpu.cfs_quota_us")).strip() + " "
                + Files.readString(cg.controlFile(CgroupController.CPU, g, "cpu.cfs_period_us")).strip();
    }

    @Test
    void virshThroughJvirtdPrintsWhatJvirshPrintsDirectlyAndTheKernelAgrees() throws Exception {
        // directly first, while no jvirtd holds the driver: the same state directories serve both runs
        String direct = Tools.comparable(jvirshDirectly(Tools.commands("lxc", "part1.cmds")).out());
        assertThat(bandwidth()).as("after setvcpus 2 --live, directly").isEqualTo("200000 100000");
        direct += Tools.comparable(jvirshDirectly(Tools.commands("lxc", "part2.cmds")).out());
        LxcEnv.sweep();

        daemon = new DaemonHarness(dir, "", "lxc:///system", uri -> LxcEnv.open());
        CompletableFuture<Tools.Result> watcher = CompletableFuture.supplyAsync(
                () -> QemuThroughJvirtdTest.call(() -> virsh("event --all --loop --timeout 20\n")));
        awaitCallbacks(27);
        String viaDaemon = Tools.comparable(Tools.virshOutput(virsh(Tools.commands("lxc", "part1.cmds")).out()));
        assertThat(bandwidth()).as("after setvcpus 2 --live through jvirtd").isEqualTo("200000 100000");
        Tools.Result pin = virsh("vcpupin " + NAME + " 0 1\n");
        assertThat(pin.err()).contains("not supported");
        viaDaemon += Tools.comparable(Tools.virshOutput(virsh(Tools.commands("lxc", "part2.cmds")).out()));

        assertThat(viaDaemon).contains("running (booted)", "current      live           2", "paused (user)",
                "shut off (destroyed)").isEqualTo(direct);
        assertThat(Tools.virshOutput(watcher.get().out())).contains(
                "event 'lifecycle' for domain '" + NAME + "': Defined Added",
                "event 'lifecycle' for domain '" + NAME + "': Started Booted",
                "vcpu.current: 2",
                "event 'lifecycle' for domain '" + NAME + "': Suspended Paused",
                "event 'lifecycle' for domain '" + NAME + "': Resumed Unpaused",
                "event 'lifecycle' for domain '" + NAME + "': Stopped Destroyed",
                "event 'lifecycle' for domain '" + NAME + "': Undefined Removed");
    }

    private void awaitCallbacks(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (daemon.server.sessions().stream().mapToInt(s -> s.callbacks().size()).sum() < n) {
            assertThat(System.nanoTime()).as("the watcher registered").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
