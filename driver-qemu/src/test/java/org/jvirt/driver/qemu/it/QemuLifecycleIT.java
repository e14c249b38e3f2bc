package org.jvirt.driver.qemu.it;

import org.jvirt.XmlFlag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StateReason;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.Ticker;
import org.jvirt.linux.ProcFs;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/** Real QEMU: hotplug, live pins, crash detection, reconnect from a second JVM. */
class QemuLifecycleIT extends QemuItBase {
    /** vCPU id -> tid from the thread names (debug-threads=on: "CPU N/KVM"). */
    Map<Integer, Long> vcpuThreads(long pid) {
        Map<Integer, Long> m = new TreeMap<>();
        for (long t : proc.threads(pid)) {
            String n = ProcFs.ifReadable(() -> proc.threadName(pid, t)).orElse("");
            if (n.startsWith("CPU ")) {
                m.put(Integer.parseInt(n.substring(4, n.indexOf('/'))), t);
            }
        }
        return m;
    }

    static String cpusetOf(String group) throws Exception {
        return Files.readString(Path.of("/sys/fs/cgroup/cpuset").resolve(group).resolve("cpuset.cpus")).strip();
    }

    String dom(Domain d) {
        return "jvit-q/qemu-" + d.name() + ".jvirt-qemu";
    }

    @Test
    void hotplugTwoToFourPlacesNewThreadsAndLivePinsChangeTheKernel() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "hp", type(),
                "<vcpu placement='static' cpuset='0-1' current='2'>4</vcpu>",
                "<cputune><vcpupin vcpu='3' cpuset='0'/></cputune>"));
        d.start();
        long pid = pid(d);
        assertThat(vcpuThreads(pid)).containsOnlyKeys(0, 1);
        d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
        Map<Integer, Long> tids = vcpuThreads(pid);
        assertThat(tids).containsOnlyKeys(0, 1, 2, 3);
        assertThat(proc.cpusAllowed(pid, tids.get(2))).isEqualTo(CpuSet.range(0, 1));
        assertThat(proc.cpusAllowed(pid, tids.get(3))).isEqualTo(CpuSet.of(0));
        assertThat(proc.cgroups(pid, tids.get(3))).containsEntry("cpuset", "/" + dom(d) + "/vcpu3");
        assertThat(proc.cgroups(pid, tids.get(2))).containsEntry("cpu", "/" + dom(d) + "/vcpu2")
                .containsEntry("cpuset", "/" + dom(d) + "/vcpu2");
        assertThat(cpusetOf(dom(d) + "/vcpu2")).isEqualTo("0-1");
        assertThat(cpusetOf(dom(d) + "/vcpu3")).isEqualTo("0");
        assertThat(d.vcpuInfo()).hasSize(4);
        assertThat(d.vcpuInfo().get(3).affinity()).isEqualTo(CpuSet.of(0));

        d.pinVcpu(1, CpuSet.of(1), Affect.LIVE);
        assertThat(proc.cpusAllowed(pid, tids.get(1))).isEqualTo(CpuSet.of(1));
        assertThat(cpusetOf(dom(d) + "/vcpu1")).isEqualTo("1");
        d.pinEmulator(CpuSet.of(1), Affect.LIVE);
        assertThat(proc.cpusAllowed(pid, pid)).isEqualTo(CpuSet.of(1));
        assertThat(cpusetOf(dom(d) + "/emulator")).isEqualTo("1");
        assertThat(d.xml(XmlFlag.INACTIVE)).doesNotContain("vcpupin vcpu='1'");
        assertThat(Files.readString(QemuTestEnv.ROOT.resolve("run/" + d.name() + ".status.xml")))
                .contains("vcpupin vcpu='1' cpuset='1'").contains("<domstatus");

        // no guest OS: the firmware never ejects a CPU; QEMU refuses device_del in legacy ACPI
        // CPU hotplug mode. The live definition must stay as it was.
        assertThatThrownBy(() -> d.setVcpus(3, SetVcpusOptions.of(Affect.LIVE))).isInstanceOf(VirtException.class);
        assertThat(d.vcpuCount().currentLive()).hasValue(4);
        assertThat(vcpuThreads(pid)).containsOnlyKeys(0, 1, 2, 3);
        d.destroy();
        assertThat(Path.of("/sys/fs/cgroup/cpuset").resolve(dom(d))).doesNotExist();
    }

    @Test
    void killNineIsDetectedAsCrashAndCleanedUp() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "crash", type(), "<vcpu>1</vcpu>", ""));
        d.start();
        long pid = pid(d);
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (d.isActive() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(d.state().reason()).isEqualTo(StateReason.CRASHED);
        assertThat(Path.of("/sys/fs/cgroup/cpuset").resolve(dom(d))).doesNotExist();
        assertThat(QemuTestEnv.ROOT.resolve("run/" + d.name() + ".status.xml")).doesNotExist();
        assertThat(QemuTestEnv.ROOT.resolve("run/" + d.name() + ".d")).doesNotExist();
        d.start();
        assertThat(d.isActive()).isTrue();
        d.destroy();
    }

    @Test
    void secondJvmReconnectsAndDestroys() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "rec", type(),
                "<vcpu cpuset='1'>2</vcpu>", ""));
        d.start();
        long pid = pid(d);
        String name = d.name();
        conn.close(); // QMP takes one client: hand the monitor over
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReconnectMain.class.getName(), name).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("state RUNNING", "vcpu 0 1", "vcpu 1 1", "destroyed SHUTOFF");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (proc.isRunning(pid) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(proc.isRunning(pid)).isFalse();
        conn = QemuTestEnv.connect();
        assertThat(conn.lookupByName(name).isActive()).isFalse();
        assertThat(Path.of("/sys/fs/cgroup/cpuset").resolve("jvit-q/qemu-" + name + ".jvirt-qemu")).doesNotExist();
        List<Path> left;
        try (var s = Files.list(QemuTestEnv.ROOT.resolve("run"))) {
            left = s.filter(f -> f.getFileName().toString().startsWith(name + ".")
                    && !f.getFileName().toString().endsWith(".lock")).toList();
        }
        assertThat(left).isEmpty();
    }

    /**
     * A jvirt process that holds a domain's monitor holds its lock: another one attaches the
     * domain without the monitor (at once, not after a greeting timeout), and a reboot there goes
     * through the domain's second monitor, noted for whoever holds the monitor when the guest
     * powers off (this guest, in the firmware, never does: the note stays until the domain stops).
     */
    @Test
    void aDomainWhoseMonitorLockAnotherProcessHoldsIsAttachedWithoutTheMonitor() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "held", type(), "<vcpu>1</vcpu>", ""));
        d.start();
        String name = d.name();
        conn.close(); // lets go of the monitor and its lock
        Path lock = QemuTestEnv.ROOT.resolve("run/" + name + ".d/monitor.lock");
        String out;
        try (DomainLockFile held = new DomainLocks(lock.getParent(), Duration.ZERO, Ticker.SYSTEM).tryAcquireFile(lock)
                .orElseThrow()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ReconnectMain.class.getName(), name, "reboot").redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
        }
        assertThat(out).contains("state RUNNING", "reboot done", "destroyed SHUTOFF");
        conn = QemuTestEnv.connect();
        assertThat(conn.lookupByName(name).isActive()).isFalse();
    }

    /**
     * While this JVM holds the monitor, another one suspends and resumes the domain and plugs a
     * vCPU through its second monitor; this JVM follows the pauses from QEMU's events and the
     * plug from the status file, and its own next plug takes the next vCPU.
     */
    @Test
    void anotherJvmSuspendsAndResumesADomainWhoseMonitorThisOneHolds() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "jobs", type(),
                "<vcpu placement='static' current='1'>3</vcpu>", ""));
        d.start();
        String paused = runOther(d.name(), "pause");
        assertThat(paused).contains("state RUNNING", "suspended PAUSED", "setvcpus done");
        awaitState(d, DomainState.PAUSED);
        assertThat(d.state().reason()).isEqualTo(StateReason.UNKNOWN);
        String resumed = runOther(d.name(), "resume");
        assertThat(resumed).as("the status file told it the domain is paused").contains("state PAUSED",
                "resumed RUNNING");
        awaitState(d, DomainState.RUNNING);
        assertThat(d.state().reason()).isEqualTo(StateReason.UNPAUSED);
        assertThat(d.vcpuCount().currentLive()).hasValue(2);
        FaultChecks.pinnedAsLive(d);
        d.setVcpus(3, SetVcpusOptions.of(Affect.LIVE));
        assertThat(d.vcpuCount().currentLive()).hasValue(3);
        FaultChecks.pinnedAsLive(d);
        d.suspend(); // this JVM's own jobs still use the monitor it holds
        assertThat(d.state().state()).isEqualTo(DomainState.PAUSED);
        d.destroy();
    }

    /**
     * A JVM that does not hold the monitor hears no events: its state queries read the status
     * file, which the holder rewrites after each change, so it follows a suspend and a resume made
     * after it attached.
     */
    @Test
    void aJvmWithoutTheMonitorFollowsTheHoldersChangesFromTheStatusFile() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "watch", type(), "<vcpu>1</vcpu>", ""));
        d.start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReconnectMain.class.getName(), d.name(), "watch").redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8)); var in = p.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("state RUNNING BOOTED");
            d.suspend();
            in.write('\n');
            in.flush();
            assertThat(out.readLine()).isEqualTo("state PAUSED USER");
            d.resume();
            in.write('\n');
            in.flush();
            assertThat(out.readLine()).isEqualTo("state RUNNING UNPAUSED");
        } finally {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        d.destroy();
    }

    private static String runOther(String name, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReconnectMain.class.getName(), name, mode).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Waits (up to 10 s) for the event that tells this JVM of another one's change. */
    private static void awaitState(Domain d, DomainState want) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (d.state().state() != want && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(d.state().state()).isEqualTo(want);
    }

    @Test
    void startingADomainAnotherJvmStartedMeanwhileIsRefusedAndKillsNothing() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "twice", type(),
                "<vcpu placement='static'>1</vcpu>", ""));
        String name = d.name();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReconnectMain.class.getName(), name, "start").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("started RUNNING");
        long pid = pid(d);

        // this connection's view predates the other start: the start job catches up with it (takes
        // the domain over) and refuses, killing nothing
        assertThatThrownBy(d::start).isInstanceOf(VirtException.class).hasMessageContaining("already active")
                .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo(ErrorCode.OPERATION_INVALID));
        assertThat(proc.isRunning(pid)).isTrue();
        assertThat(Path.of("/sys/fs/cgroup/cpuset").resolve("jvit-q/qemu-" + name + ".jvirt-qemu")).isDirectory();

        assertThat(d.isActive()).as("a state query follows the other process's start").isTrue();
        Domain found = conn.lookupByName(name);
        assertThat(found.isActive()).isTrue();
        assertThat(found.id()).isPresent();
        found.destroy();
        assertThat(proc.isRunning(pid)).isFalse();
        assertThat(Path.of("/sys/fs/cgroup/cpuset").resolve("jvit-q/qemu-" + name + ".jvirt-qemu")).doesNotExist();
    }

    @Test
    void aDomainAnotherJvmDefinedIsFoundByName() throws Exception {
        String name = QemuTestEnv.PREFIX + "elsewhere";
        assertThatThrownBy(() -> conn.lookupByName(name)).isInstanceOf(VirtException.class);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ReconnectMain.class.getName(), QemuTestEnv.domainXml(name, type(), "<vcpu>1</vcpu>", ""), "define")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("defined " + name);
        assertThat(conn.listDomains().stream().map(Domain::name)).as("a list follows too").contains(name);
        Domain d = conn.lookupByName(name);
        assertThat(d.isPersistent()).isTrue();
        assertThat(d.isActive()).isFalse();
    }
}
