package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jvirt.testing.ProcessLines;
import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ThreadPlacement;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.linux.ProcFs;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;

/**
 * What the fault tests check after a crash: a domain is either running with every thread where
 * its live pinning says (what {@code jvirsh pincheck} checks) and one QEMU, or shut off with
 * nothing left: no QEMU, no cgroup, no run directory, no status, no job record. Also the child
 * JVMs ({@link FaultMain}) the tests kill.
 */
final class FaultChecks {
    private FaultChecks() {
    }

    /** A jvirt process of its own running {@link FaultMain} with {@code args}; its output read line by line. */
    static final class Child implements AutoCloseable {
        final Process process;
        private final BlockingQueue<String> lines;
        private final List<String> seen = new ArrayList<>();

        Child(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), FaultMain.class.getName()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            lines = ProcessLines.of(process, "fault-child-output");
        }

        /** The first line starting with {@code prefix} (earlier lines are kept for the failure message). */
        String await(String prefix, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (true) {
                String l = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (l == null) {
                    throw new AssertionError("child " + process.pid() + " did not print '" + prefix + "' within "
                            + timeout + "; it printed " + seen + " and " + (process.isAlive() ? "runs" : "exited "
                            + process.exitValue()));
                }
                seen.add(l);
                if (l.startsWith(prefix)) {
                    return l;
                }
                if (l.startsWith("error") || l.startsWith("lost") || l.startsWith("Exception")) {
                    throw new AssertionError("child " + process.pid() + ": " + l + " (after " + seen + ")");
                }
            }
        }

        void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        void kill9() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill9();
            }
        }
    }

    /** What a domain was found as after a crash. */
    enum Outcome { RUNNING, SHUT_OFF }

    /** Checks {@code d} (from a new connection) is running and pinned, or shut off with nothing left. */
    static Outcome consistent(Domain d) throws IOException {
        DomainState s = d.state().state();
        if (s == DomainState.SHUTOFF) {
            nothingLeft(d.name());
            return Outcome.SHUT_OFF;
        }
        assertThat(s).as("state of %s", d.name()).isEqualTo(DomainState.RUNNING);
        assertThat(qemuPids(d.name())).as("QEMU processes of %s", d.name()).hasSize(1);
        pinnedAsLive(d);
        assertThat(DomainLockFile.peek(QemuTestEnv.ROOT.resolve("run"), d.name())).as("job record").isEmpty();
        return Outcome.RUNNING;
    }

    /** Every thread's affinity and cgroup cpuset are its live pinning's; every online vCPU has its thread. */
    static void pinnedAsLive(Domain d) {
        EffectivePinning p = d.effectivePinning(Affect.LIVE);
        Set<Integer> vcpuThreads = new TreeSet<>();
        for (ThreadPlacement t : d.threadPlacements()) {
            CpuSet want = switch (t.kind()) {
                case VCPU -> p.vcpu(t.index()).cpus();
                case EMULATOR -> p.emulator().cpus();
                case IOTHREAD -> p.iothread(t.index()).cpus();
            };
            assertThat(t.affinity()).as("affinity of %s %s (tid %d) of %s", t.kind(), t.index(), t.tid(), d.name())
                    .isEqualTo(want);
            t.cgroupCpus().ifPresent(c -> assertThat(c).as("cgroup cpuset of %s %s of %s", t.kind(), t.index(),
                    d.name()).isEqualTo(want));
            if (t.kind() == ThreadPlacement.Kind.VCPU) {
                vcpuThreads.add(t.index());
            }
        }
        Set<Integer> online = new TreeSet<>();
        d.definition().vcpu().online().stream().forEach(online::add);
        assertThat(vcpuThreads).as("vCPU threads of %s against its live definition", d.name()).isEqualTo(online);
    }

    /** No QEMU, cgroup, run directory, status file or job record of {@code name}. */
    static void nothingLeft(String name) throws IOException {
        assertThat(qemuPids(name)).as("QEMU processes of %s", name).isEmpty();
        assertThat(cgroups(name)).as("cgroups of %s", name).isEmpty();
        Path run = QemuTestEnv.ROOT.resolve("run");
        assertThat(run.resolve(name + ".d")).as("run directory").doesNotExist();
        assertThat(run.resolve(name + ".status.xml")).as("status file").doesNotExist();
        assertThat(DomainLockFile.peek(run, name)).as("job record").isEmpty();
    }

    static List<Long> qemuPids(String name) {
        ProcFs proc = ProcFs.host();
        List<Long> out = new ArrayList<>();
        for (long pid : proc.pids()) {
            List<String> cmd = proc.cmdline(pid);
            if (!cmd.isEmpty() && cmd.get(0).contains("qemu-system") && cmd.contains("guest=" + name + ",debug-threads=on")
                    && proc.isRunning(pid)) {
                out.add(pid);
            }
        }
        return out;
    }

    static List<Path> cgroups(String name) throws IOException {
        List<Path> out = new ArrayList<>();
        Path root = Path.of("/sys/fs/cgroup");
        try (Stream<Path> hier = Files.list(root)) {
            for (Path h : hier.toList()) {
                Path g = h.resolve(QemuTestEnv.PARTITION).resolve("qemu-" + name + ".jvirt-qemu");
                if (Files.isDirectory(g)) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    /** {@code points} delays from 0 to {@code span} ms, evenly spread. */
    static List<Long> delays(long span, int points) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            out.add(span * i / (points - 1));
        }
        return out;
    }

    static void sleep(long ms) {
        QemuTestEnv.sleep(ms);
    }
}
