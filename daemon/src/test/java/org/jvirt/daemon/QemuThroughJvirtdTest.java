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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.ThreadPlacement;
import org.jvirt.model.CpuSet;

/**
 * Real virsh and jvirsh against jvirtd holding real QEMU (KVM where /dev/kvm exists, else TCG): the
 * scenario prints the same through jvirtd as jvirsh prints on the driver directly, the pins are the
 * kernel's affinity of QEMU's threads, and virsh and jvirsh (through jvirt's remote driver) print
 * the same events. Needs root, QEMU and virsh; skipped without them, failed without them under
 * CI=true. Run under flock /work/coord/real-tests.lock on a shared machine.
 */
class QemuThroughJvirtdTest {
    @TempDir
    Path dir;
    private DaemonHarness daemon;
    private Path confDir;

    @BeforeAll
    static void clean() throws Exception {
        QemuEnv.require();
        QemuEnv.sweep();
    }

    @AfterAll
    static void cleanAfter() throws Exception {
        QemuEnv.sweep();
    }

    @BeforeEach
    void start() throws Exception {
        Tools.virsh();
        confDir = QemuEnv.confDir();
        Files.writeString(confDir.resolve("jvirt.conf"), "jvirtd = \"always\"\n"
                + "jvirtd_socket = \"" + dir.resolve("sock") + "\"\njvirtd_socket_ro = \"" + dir.resolve("sock-ro")
                + "\"\n");
        daemon = new DaemonHarness(dir, "", "qemu:///system", uri -> QemuEnv.open());
    }

    @AfterEach
    void stop() throws Exception {
        daemon.close();
        QemuEnv.sweep();
    }

    private static String cmds(String name) throws Exception {
        return Tools.commands("qemu", name);
    }

    private Tools.Result virsh(String stdin) throws Exception {
        return Tools.run(List.of(Tools.virsh().toString(), "-c", daemon.uri("qemu:///system")), stdin, Map.of(), 120);
    }

    private Tools.Result jvirsh(String route, String stdin) throws Exception {
        return Tools.run(Tools.jvirsh("-c", "qemu:///system"), stdin,
                Map.of("JVIRT_CONF_DIR", confDir.toString(), "JVIRT_JVIRTD", route), 120);
    }

    private static String comparable(String out) {
        return Tools.comparable(out);
    }

    @Test
    void virshThroughJvirtdPrintsWhatJvirshPrintsDirectlyAndTheKernelAgrees() throws Exception {
        List<CompletableFuture<Tools.Result>> watchers = List.of(
                CompletableFuture.supplyAsync(() -> call(() -> virsh("event --all --loop --timeout 25\n"))),
                CompletableFuture.supplyAsync(() -> call(() -> jvirsh("always", "event --all --loop --timeout 25\n"))));
        awaitCallbacks(27 + 2);
        String viaDaemon = comparable(Tools.virshOutput(virsh(cmds("part1.cmds")).out()));
        Domain d = daemon.driver("qemu:///system").lookupByName("jvit-d-vm");
        assertKernel(d, CpuSet.of(1), CpuSet.of(0));
        viaDaemon += comparable(Tools.virshOutput(virsh(cmds("part2.cmds")).out()));

        String virshEvents = Tools.virshOutput(watchers.get(0).get().out());
        String jvirshEvents = watchers.get(1).get().out().replaceAll("\\n+$", "\n");
        assertThat(virshEvents).contains("event 'lifecycle' for domain 'jvit-d-vm': Started Booted",
                "cputune.vcpupin0: 1", "cputune.emulatorpin: 0", "vcpu.current: 2", "Stopped Destroyed",
                "Undefined Removed").isEqualTo(jvirshEvents);

        Tools.Result direct1 = jvirsh("never", cmds("part1.cmds"));
        Tools.Result direct2 = jvirsh("never", cmds("part2.cmds"));
        assertThat(viaDaemon).as("on %s", QemuEnv.accelerator()).contains("running (booted)",
                "current      live           2", " 0      1\n", "shut off (destroyed)")
                .isEqualTo(comparable(direct1.out()) + comparable(direct2.out()));
    }

    /**
     * python-libvirt's lifecycle scenario on real QEMU through jvirtd: what it reads back is what
     * the scenario set, the kernel's affinity agrees while the domain runs, and its live XML is what
     * the same steps give on the driver directly.
     */
    @Test
    void pythonScenarioOnRealQemuMatchesTheDriverAndTheKernel() throws Exception {
        Tools.requirePythonLibvirt();
        Path xml = Path.of(getClass().getResource("/qemu/vm.xml").toURI());
        String expectedXml;
        try (Connection direct = QemuEnv.open()) {
            Domain d = direct.defineXml(Files.readString(xml));
            d.start();
            d.pinVcpu(0, CpuSet.of(1), org.jvirt.Affect.LIVE);
            d.pinEmulator(CpuSet.of(0), org.jvirt.Affect.LIVE);
            d.setVcpus(2, org.jvirt.SetVcpusOptions.of(org.jvirt.Affect.LIVE));
            expectedXml = d.xml().replaceFirst(" id='\\d+'", " id='ID'");
            d.destroy();
            d.undefine();
        }
        Path sync = Files.createDirectories(dir.resolve("sync"));
        Path script = Path.of(getClass().getResource("/python/scenario.py").toURI());
        CompletableFuture<Tools.Result> run = CompletableFuture.supplyAsync(() -> call(() -> Tools.run(List.of(
                Tools.PYTHON, script.toString(), daemon.uri("qemu:///system"), xml.toString(), "1", "0", "2",
                sync.toString()), "", Map.of(), 180)));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(sync.resolve("ready")) && !run.isDone()) {
            assertThat(System.nanoTime()).as("python reached the running domain").isLessThan(deadline);
            Thread.sleep(50);
        }
        try {
            assertKernel(daemon.driver("qemu:///system").lookupByName("jvit-d-vm"), CpuSet.of(1), CpuSet.of(0));
        } finally {
            Files.writeString(sync.resolve("go"), "");
        }
        Tools.Result r = run.get();
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).as("on %s", QemuEnv.accelerator()).contains(
                "defined: jvit-d-vm 0b7a9f52-4c1e-4f0a-8a51-2d3c6e9b7f10 0 1",
                "info: [1, 65536, 65536, 2]",
                "state: [1, 1]",
                "vcpus live: 2 config: 1 max: 2",
                "emulatorpin: y-",
                "list: [('jvit-d-vm', 1)]",
                "unsupported: 3",
                "too many vcpus: 8");
        assertThat(r.out()).containsPattern("vcpupin: \\['-y', 'yy'\\]");
        assertThat(r.out()).contains("events:\n"
                + "  lifecycle jvit-d-vm 0 0\n"
                + "  lifecycle jvit-d-vm 2 0\n"
                + "  tunable jvit-d-vm [('cputune.vcpupin0', '1')]\n"
                + "  tunable jvit-d-vm [('cputune.emulatorpin', '0')]\n"
                + "  tunable jvit-d-vm [('vcpu.current', 2)]\n"
                + "  lifecycle jvit-d-vm 5 1\n"
                + "  lifecycle jvit-d-vm 1 0\n");
        String xmlSeen = r.out().substring(r.out().indexOf("xml:\n") + 5).replaceFirst(" id='\\d+'", " id='ID'");
        assertThat(xmlSeen).isEqualTo(expectedXml);
    }

    @Test
    void severalPythonClientsPinAndHotPlugOneDomainAtOnce() throws Exception {
        Tools.requirePythonLibvirt();
        Connection held = daemon.driver("qemu:///system");
        Domain d = held.defineXml(QemuEnv.xml("jvit-d-shared", "6c2d1f0e-9b3a-4e57-8a0b-5d4c3b2a1f09",
                "<vcpu placement='static' current='1'>2</vcpu>"));
        d.start();
        Path script = Path.of(getClass().getResource("/python/shared_domain.py").toURI());
        Tools.Result r = Tools.run(List.of(Tools.PYTHON, script.toString(), daemon.uri("qemu:///system"),
                "jvit-d-shared"), "", Map.of(), 180);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("errors: []", "vcpus: 2", "pin events: 120", "plug events: 1");
        // whichever pinner was last, the kernel has what jvirtd reports
        String vcpu0 = r.out().lines().filter(l -> l.startsWith("vcpu0: ")).findFirst().orElseThrow().substring(7);
        String emulator = r.out().lines().filter(l -> l.startsWith("emulator: ")).findFirst().orElseThrow()
                .substring(10);
        assertKernel(d, cpus(vcpu0), cpus(emulator));
        d.destroy();
        d.undefine();
    }

    private static CpuSet cpus(String yesNo) {
        java.util.BitSet b = new java.util.BitSet();
        for (int i = 0; i < yesNo.length(); i++) {
            if (yesNo.charAt(i) == 'y') {
                b.set(i);
            }
        }
        return CpuSet.fromBits(b);
    }

    /** Every vCPU thread's and the emulator's kernel affinity (sched_getaffinity) is its pin. */
    static void assertKernel(Domain d, CpuSet vcpu0, CpuSet emulator) {
        List<ThreadPlacement> threads = d.threadPlacements();
        assertThat(threads).anySatisfy(t -> {
            assertThat(t.kind()).isEqualTo(ThreadPlacement.Kind.VCPU);
            assertThat(t.index()).isZero();
            assertThat(t.affinity()).isEqualTo(vcpu0);
        });
        assertThat(threads).filteredOn(t -> t.kind() == ThreadPlacement.Kind.VCPU).hasSize(2);
        assertThat(threads).filteredOn(t -> t.kind() == ThreadPlacement.Kind.EMULATOR)
                .allSatisfy(t -> assertThat(t.affinity()).isEqualTo(emulator));
    }

    private void awaitCallbacks(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (daemon.server.sessions().stream().mapToInt(s -> s.callbacks().size()).sum() < n) {
            assertThat(System.nanoTime()).as("the watchers registered").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    interface Io<T> {
        T get() throws Exception;
    }

    static <T> T call(Io<T> io) {
        try {
            return io.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
