package org.jvirt.driver.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.event.DomainEvent;
import org.jvirt.model.CpuSet;

/**
 * A real QEMU domain of the real libvirtd (qemu+unix:///system), on KVM where /dev/kvm exists and
 * on TCG elsewhere: pins set through jvirt's remote driver are what the kernel enforces on
 * QEMU's threads, what virsh reports, and arrive as tunable events. Run under
 * {@code flock /work/coord/real-tests.lock} (it starts QEMU).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LibvirtdQemuTest {
    private static final String PREFIX = "jvremote-q-";
    private static final String URI = "qemu+unix:///system";
    private static final boolean KVM = Files.exists(Path.of("/dev/kvm"));

    @BeforeEach
    @AfterEach
    void sweep() throws Exception {
        Peers.require();
        Peers.Result r = Peers.virsh("qemu:///system", "list", "--all", "--name");
        if (r.exit() != 0) {
            String why = "libvirtd's QEMU driver does not answer: " + r.err().strip();
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        for (String line : r.out().split("\n")) {
            if (line.strip().startsWith(PREFIX)) {
                Peers.virsh("qemu:///system", "destroy", line.strip());
                Peers.virsh("qemu:///system", "undefine", line.strip());
            }
        }
    }

    private static String xml(String name) {
        return "<domain type='" + (KVM ? "kvm" : "qemu") + "'><name>" + name + "</name>"
                + "<memory unit='MiB'>64</memory><vcpu placement='static'>2</vcpu><iothreads>1</iothreads>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
                + "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>";
    }

    @Test
    void pinsSetRemotelyAreWhatTheKernelEnforcesAndWhatVirshShows() throws Exception {
        String name = PREFIX + ProcessHandle.current().pid();
        try (Connection c = Jvirt.connect(URI)) {
            assertThat(c.hypervisorType()).isEqualTo("QEMU");
            EventLog events = new EventLog();
            c.events().subscribe(events);
            Domain d = c.defineXml(xml(name));
            d.start();
            int pid = Integer.parseInt(Files.readString(Path.of("/var/run/libvirt/qemu", name + ".pid")).strip());
            int width = c.hostTopology().cpuMapWidth();
            int last = width - 1;

            d.pinVcpu(1, CpuSet.of(last), Affect.LIVE);
            d.pinEmulator(CpuSet.of(0), Affect.LIVE);
            d.pinIothread(1, CpuSet.of(last), Affect.LIVE);
            assertThat(d.iothreadInfo(Affect.LIVE)).containsExactly(new org.jvirt.IothreadInfo(1, CpuSet.of(last)));
            assertThat(affinity(pid, thread(pid, "IO iothread1"))).isEqualTo(CpuSet.of(last));

            assertThat(affinity(pid, vcpuThread(pid, 1))).isEqualTo(CpuSet.of(last));
            assertThat(affinity(pid, pid)).isEqualTo(CpuSet.of(0));
            assertThat(d.vcpuPinInfo(Affect.LIVE).get(1)).isEqualTo(CpuSet.of(last));
            assertThat(d.emulatorPinInfo(Affect.LIVE)).isEqualTo(CpuSet.of(0));
            assertThat(virshPins(name)).containsExactlyElementsOf(jvirtPins(d));
            assertThat(d.vcpuInfo()).hasSize(2).allSatisfy(v -> assertThat(v.state()).contains("running"));
            assertThat(d.vcpuInfo().get(1).affinity()).isEqualTo(CpuSet.of(last));

            List<DomainEvent> seen = events.await(4);
            assertThat(seen).anySatisfy(e -> assertThat(e).isEqualTo(
                    new DomainEvent.PinChanged(name, d.uuid(), "vcpupin1", CpuSet.of(last), true)));
            assertThat(seen).anySatisfy(e -> assertThat(e).isEqualTo(
                    new DomainEvent.PinChanged(name, d.uuid(), "emulatorpin", CpuSet.of(0), true)));

            d.destroy();
            d.undefine();
        }
    }

    private static List<String> jvirtPins(Domain d) {
        List<String> out = new ArrayList<>();
        List<CpuSet> pins = d.vcpuPinInfo(Affect.LIVE);
        for (int i = 0; i < pins.size(); i++) {
            out.add(i + " " + pins.get(i).format());
        }
        return out;
    }

    private static List<String> virshPins(String name) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Peers.virsh("qemu:///system", "vcpupin", name, "--live").out().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[0].matches("\\d+")) {
                out.add(f[0] + " " + f[1]);
            }
        }
        return out;
    }

    /** The thread QEMU names {@code CPU N/KVM} or {@code CPU N/TCG}. */
    private static int vcpuThread(int pid, int vcpu) throws IOException {
        return thread(pid, "CPU " + vcpu + "/" + (KVM ? "KVM" : "TCG"));
    }

    /** The thread of QEMU {@code pid} whose name ({@code comm}) is {@code name}. */
    private static int thread(int pid, String name) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).strip().equals(name)) {
                    return Integer.parseInt(t.getFileName().toString());
                }
            }
        }
        throw new AssertionError("no thread '" + name + "' in QEMU " + pid);
    }

    private static CpuSet affinity(int pid, int tid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return CpuSet.parse(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        throw new AssertionError("no Cpus_allowed_list for " + tid);
    }
}
