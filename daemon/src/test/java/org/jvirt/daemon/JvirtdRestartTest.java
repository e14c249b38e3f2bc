package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.Jvirt;
import org.jvirt.event.DomainEvent;
import org.jvirt.linux.ProcFs;
import org.jvirt.model.CpuSet;

/**
 * jvirtd killed with SIGKILL while it holds a running QEMU domain: the domain keeps running; a
 * client's connection reports the loss; the restarted jvirtd reattaches the domain (its pins, its
 * monitor: a live hot-plug works) and clients connect again. jvirtd runs as its own process here.
 * Needs root, QEMU and virsh. Run under flock /work/coord/real-tests.lock on a shared machine.
 */
class JvirtdRestartTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void clean() throws Exception {
        QemuEnv.require();
        QemuEnv.sweep();
    }

    @AfterAll
    static void cleanAfter() throws Exception {
        QemuEnv.sweep();
    }

    private Process startDaemon(Path conf) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Jvirtd.class.getName(), "--config", conf.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("jvirtd.log").toFile());
        pb.environment().put("JVIRT_CONF_DIR", QemuEnv.confDir().toString());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers(dir.resolve("sock"))) {
            assertThat(p.isAlive()).as("jvirtd runs: %s", Files.exists(dir.resolve("jvirtd.log"))
                    ? Files.readString(dir.resolve("jvirtd.log")) : "").isTrue();
            assertThat(System.nanoTime()).as("jvirtd listens").isLessThan(deadline);
            Thread.sleep(50);
        }
        return p;
    }

    private static boolean answers(Path sock) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(sock));
        } catch (IOException e) {
            return false;
        }
    }

    private Tools.Result virsh(String cmds) throws Exception {
        return Tools.run(List.of(Tools.virsh().toString(), "-c", "qemu+unix:///system?socket=" + dir.resolve("sock")),
                cmds, Map.of(), 120);
    }

    @Test
    void sigkillAndRestartReattachesRunningDomainsAndClientsReconnect() throws Exception {
        Tools.virsh();
        Path conf = Files.writeString(dir.resolve("jvirtd.conf"), "uris = [ \"qemu:///system\" ]\n"
                + "unix_sock_rw = \"" + dir.resolve("sock") + "\"\nunix_sock_ro = \"" + dir.resolve("sock-ro") + "\"\n"
                + "pid_file = \"" + dir.resolve("jvirtd.pid") + "\"\n");
        Path xml = Files.writeString(dir.resolve("vm.xml"), QemuEnv.xml("jvit-d-restart",
                "1f3e5d7c-2b4a-4968-8c7e-0a1b2c3d4e5f", "<vcpu placement='static' current='1'>2</vcpu>"));
        Process daemon = startDaemon(conf);
        try {
            Tools.Result r = virsh("define " + xml + "\nstart jvit-d-restart\nvcpupin jvit-d-restart 0 1\n");
            assertThat(r.err()).isEmpty();
            long qemuPid = qemuPid();

            // a jvirt client (remote driver) watching events: it hears the loss
            Connection client = Jvirt.connect("qemu+unix:///system?socket=" + dir.resolve("sock"));
            java.util.concurrent.CompletableFuture<Throwable> lost = new java.util.concurrent.CompletableFuture<>();
            client.events().subscribe(new Flow.Subscriber<DomainEvent>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(DomainEvent item) {
                }

                @Override
                public void onError(Throwable t) {
                    lost.complete(t);
                }

                @Override
                public void onComplete() {
                    lost.complete(null);
                }
            });

            new ProcessBuilder("kill", "-9", Long.toString(daemon.pid())).start().waitFor();
            assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(lost.get(30, TimeUnit.SECONDS)).as("the client learnt the daemon is gone").isNotNull();
            assertThat(ProcFs.host().isRunning(qemuPid)).as("QEMU outlives jvirtd").isTrue();
            client.close();

            daemon = startDaemon(conf);
            r = virsh("list --all\ndomstate jvit-d-restart --reason\nvcpupin jvit-d-restart\n"
                    + "setvcpus jvit-d-restart 2 --live\nvcpucount jvit-d-restart --live\n");
            assertThat(r.err()).isEmpty();
            String out = Tools.virshOutput(r.out());
            assertThat(out).contains("jvit-d-restart   running", " 0      1\n").endsWith("\n2\n");
            assertThat(qemuPid()).as("the same QEMU, reattached").isEqualTo(qemuPid);
            try (Connection again = Jvirt.connect("qemu+unix:///system?socket=" + dir.resolve("sock"))) {
                var d = again.lookupByName("jvit-d-restart");
                assertThat(d.vcpuPinInfo(org.jvirt.Affect.LIVE).get(0)).isEqualTo(CpuSet.of(1));
                try (Connection local = QemuEnv.open()) {
                    // the kernel's view, read by a second (local) process
                    QemuThroughJvirtdTest.assertKernel(local.lookupByName("jvit-d-restart"), CpuSet.of(1),
                            d.emulatorPinInfo(org.jvirt.Affect.LIVE).intersect(again.hostTopology().online()));
                }
                d.destroy();
                d.undefine();
            }
        } finally {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(dir.resolve("sock")).as("a clean stop removes the socket").doesNotExist();
    }

    private static long qemuPid() {
        ProcFs proc = ProcFs.host();
        return proc.pids().stream().filter(p -> proc.cmdline(p).stream()
                .anyMatch(a -> a.startsWith("guest=jvit-d-restart"))).findFirst().orElseThrow();
    }
}
