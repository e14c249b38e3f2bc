package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.DestroyOptions;
import org.jvirt.DomainState;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StateReason;
import org.jvirt.contract.EventRecorder;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.linux.cgroup.CpuBandwidth;
import org.jvirt.linux.cgroup.MemoryLimit;
import org.jvirt.model.CpuSet;

/**
 * Real containers on this host (root, namespaces, cgroups): start, limits, live vCPU count,
 * suspend, the ways to stop, exit detection, own root. Skipped with the reason when the host
 * cannot run them, failed when {@code CI=true}.
 */
class RealContainerTest extends RealContainerCase {
    private static final String SLEEP = os("/bin/sleep", "1000");

    private static void fails(Runnable r, ErrorCode code, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void cpusetOneContainerRunsItsInitAsPid1InsideItsLimits() throws Exception {
        String name = name("one");
        Domain d = define(name, "<vcpu cpuset='1' current='1'>2</vcpu>", SLEEP);
        d.start();
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        long pid = initPid(name);
        String[] nspid = procStatus(pid, "NSpid").split("\\s+");
        assertThat(nspid).hasSize(2);
        assertThat(nspid[1]).isEqualTo("1");
        assertThat(procStatus(pid, "Cpus_allowed_list")).isEqualTo("1");
        assertThat(Files.readString(Path.of("/proc/" + pid + "/cgroup"))).contains(group(name).toString());
        assertThat(inside(name, "hostname")).isEqualTo(name);
        assertThat(inside(name, "cat", "/proc/1/comm")).isEqualTo("sleep");
        assertThat(cg.cpus(group(name))).isEqualTo(CpuSet.of(1));
        assertThat(cg.memoryLimit(group(name), MemoryLimit.HARD)).isEqualTo(128L << 20);
        assertThat(cg.cpuBandwidth(group(name))).isEqualTo(new CpuBandwidth(100_000, 100_000));
        // one allowed CPU bounds the count (docs/lxc.md#vcpus-of-a-container)
        fails(() -> d.setVcpus(2, SetVcpusOptions.of(Affect.LIVE)), ErrorCode.VCPU_COUNT,
                "container wants 2 vCPUs but only 1 host CPUs are allowed");
        assertThat(cg.cpuBandwidth(group(name)).quotaUs()).isEqualTo(100_000);
        d.destroy();
        assertThat(d.state().reason()).isEqualTo(StateReason.DESTROYED);
        assertNoTrace(name, pid);
    }

    @Test
    void liveVcpuCountRewritesTheQuotaOnly() throws Exception {
        String name = name("vcpus");
        Domain d = define(name, "<vcpu cpuset='0-1' current='1'>2</vcpu>", SLEEP);
        d.start();
        long pid = initPid(name);
        assertThat(cg.cpuBandwidth(group(name)).quotaUs()).isEqualTo(100_000);
        d.setVcpus(2, SetVcpusOptions.of(Affect.LIVE));
        assertThat(cg.cpuBandwidth(group(name))).isEqualTo(new CpuBandwidth(100_000, 200_000));
        assertThat(initPid(name)).isEqualTo(pid);
        assertThat(d.vcpuCount().currentLive()).hasValue(2);
        assertThat(d.vcpuCount().currentConfig()).hasValue(1);
        assertThat(status(name).live().vcpu().current()).isEqualTo(2);
        fails(() -> d.setVcpus(3, SetVcpusOptions.of(Affect.LIVE)), ErrorCode.INVALID_ARG, "live maximum is 2");
        d.setVcpus(1, SetVcpusOptions.of(Affect.LIVE));
        assertThat(cg.cpuBandwidth(group(name)).quotaUs()).isEqualTo(100_000);
        fails(() -> d.pinVcpu(0, CpuSet.of(0), Affect.LIVE), ErrorCode.NO_SUPPORT, "not supported");
        fails(d::vcpuInfo, ErrorCode.NO_SUPPORT, "vcpuinfo");
        d.destroy();
        assertNoTrace(name, pid);
    }

    @Test
    void suspendFreezesAndResumeThaws() throws Exception {
        String name = name("freeze");
        Domain d = started(name, SLEEP);
        d.suspend();
        assertThat(cg.isFrozen(group(name))).isTrue();
        assertThat(d.state().state()).isEqualTo(DomainState.PAUSED);
        assertThat(status(name).state()).isEqualTo(DomainState.PAUSED);
        d.resume();
        assertThat(cg.isFrozen(group(name))).isFalse();
        d.suspend();
        long pid = initPid(name);
        d.destroy(); // a frozen container dies too
        assertNoTrace(name, pid);
    }

    /** Defines and starts a one-vCPU container whose init is {@code os}. */
    private Domain started(String name, String os) {
        Domain d = define(name, "<vcpu>1</vcpu>", os);
        d.start();
        return d;
    }

    /**
     * A started container whose init ends on SIGTERM, once its handler is in place: before that
     * the kernel drops a SIGTERM to a namespace's init, which has no handler yet. (The marker is
     * printed through a format, so that the command line in the log's header does not contain it.)
     */
    private Domain startedTrappingSigterm(String name) throws Exception {
        Domain d = started(name, os("/bin/sh", "-c",
                "trap 'echo init got SIGTERM; exit 0' TERM; printf 'init %s\\n' trapping; sleep 1000 & wait"));
        Path log = host.logDir.resolve(name + ".log");
        for (int i = 0; i < 500 && !Files.readString(log).contains("init trapping"); i++) {
            Thread.sleep(10);
        }
        assertThat(Files.readString(log)).contains("init trapping");
        String status = Files.readString(Path.of("/proc/" + initPid(name) + "/status"));
        long sigterm = 1L << (15 - 1);
        assertThat(mask(status, "SigCgt") & sigterm).as("init catches SIGTERM:%n%s", status).isNotZero();
        assertThat(mask(status, "SigBlk") & sigterm).as("init does not block SIGTERM:%n%s", status).isZero();
        return d;
    }

    /** A signal mask line (SigCgt, SigBlk, ...) of /proc/PID/status. */
    private static long mask(String status, String field) {
        return status.lines().filter(l -> l.startsWith(field + ":")).findFirst()
                .map(l -> Long.parseUnsignedLong(l.substring(field.length() + 1).strip(), 16)).orElseThrow();
    }

    /** {@code destroy(GRACEFUL)}; a failure names what init's /proc status and log said. */
    private static void destroyGracefully(Domain d, long pid) throws Exception {
        try {
            d.destroy(DestroyOptions.GRACEFUL);
        } catch (VirtException e) {
            Path proc = Path.of("/proc/" + pid + "/status");
            String status = Files.exists(proc) ? Files.readString(proc) : "(gone)";
            throw new AssertionError("graceful destroy failed; init's status:\n" + status + "\nlog:\n"
                    + Files.readString(host.logDir.resolve(d.name() + ".log")), e);
        }
    }

    /** start() returns once PID 1 runs the init, no longer stage 2: a signal right after it is not lost. */
    @Test
    void startReturnsOnceInitRuns() throws Exception {
        String name = name("exec");
        Domain d = started(name, SLEEP);
        String cmdline = Files.readString(Path.of("/proc/" + initPid(name) + "/cmdline"));
        assertThat(cmdline.replace('\0', ' ').strip()).isEqualTo("/bin/sleep 1000");
        d.destroy();
    }

    @Test
    void shutdownSendsSigtermAndLeavesNothing() throws Exception {
        String name = name("down");
        Domain d = startedTrappingSigterm(name);
        long pid = initPid(name);
        d.shutdown();
        assertThat(Files.readString(host.logDir.resolve(name + ".log"))).as("init ended on SIGTERM, not SIGKILL")
                .contains("init got SIGTERM");
        assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(d.state().reason()).isEqualTo(StateReason.SHUTDOWN);
        assertNoTrace(name, pid);
    }

    @Test
    void shutdownOfAnInitIgnoringSigtermDestroysAfterTheTimeout() throws Exception {
        String name = name("stubborn");
        Domain d = started(name, SLEEP);
        long pid = initPid(name);
        d.shutdown();
        assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        assertNoTrace(name, pid);
    }

    @Test
    void gracefulDestroyEndsACooperatingInit() throws Exception {
        String name = name("grace");
        Domain d = startedTrappingSigterm(name);
        long pid = initPid(name);
        destroyGracefully(d, pid);
        assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(d.state().reason()).isEqualTo(StateReason.DESTROYED);
        assertNoTrace(name, pid);
    }

    @Test
    void gracefulDestroyOfAnInitIgnoringSigtermFailsAndLeavesItRunning() throws Exception {
        String name = name("nograce");
        Domain d = started(name, SLEEP);
        long pid = initPid(name);
        assertThatThrownBy(() -> d.destroy(DestroyOptions.GRACEFUL)).isInstanceOf(VirtException.class)
                .hasMessageContaining("SIGTERM").hasMessageContaining("still running")
                .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(initPid(name)).isEqualTo(pid);
        d.destroy();
        assertNoTrace(name, pid);
    }

    @Test
    void jobsWaitForTheLockFileAnotherProcessHolds() throws Exception {
        String name = name("locked");
        Domain d = started(name, SLEEP);
        DomainLockFile held = DomainLockFile.acquire(host.stateDir, name, Duration.ofSeconds(5));
        long[] releasedAt = new long[1];
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            releasedAt[0] = System.nanoTime();
            held.close();
        });
        other.start();
        d.suspend();
        long doneAt = System.nanoTime();
        other.join();
        assertThat(doneAt).as("the suspend ran only once the other holder let go").isGreaterThan(releasedAt[0]);
        assertThat(d.state().state()).isEqualTo(DomainState.PAUSED);
        d.destroy();
    }

    private static String sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    @Test
    void interfacesAreVethPairsWithTheInnerEndInTheContainer() throws Exception {
        String bridge = "jvit-br0";
        sh("ip", "link", "del", bridge);
        sh("ip", "link", "add", bridge, "type", "bridge");
        try {
            String name = name("net");
            Domain d = conn.defineXml(xml(name, "<vcpu>1</vcpu>", SLEEP, "<interface type='bridge'>"
                    + "<mac address='52:54:00:4a:56:01'/><source bridge='" + bridge + "'/>"
                    + "<ip address='10.231.0.2' prefix='24'/>"
                    + "<route address='0.0.0.0' prefix='0' gateway='10.231.0.1'/></interface>"));
            d.start();
            long pid = initPid(name);
            String host = "jvl" + pid + "n0";
            assertThat(d.xml()).contains("<target dev='" + host + "'/>");
            assertThat(sh("ip", "-o", "link", "show", host)).contains("master " + bridge).contains("state UP");
            String inside = sh("nsenter", "--net=/proc/" + pid + "/ns/net", "--", "ip", "-o", "link");
            assertThat(inside).contains("eth0@").contains("52:54:00:4a:56:01").contains("lo: <LOOPBACK,UP");
            assertThat(sh("nsenter", "--net=/proc/" + pid + "/ns/net", "--", "ip", "-o", "addr", "show", "eth0"))
                    .contains("inet 10.231.0.2/24");
            assertThat(sh("nsenter", "--net=/proc/" + pid + "/ns/net", "--", "ip", "route"))
                    .contains("default via 10.231.0.1 dev eth0");
            d.destroy();
            String gone = "";
            for (int i = 0; i < 250 && !gone.contains("does not exist"); i++) {
                Thread.sleep(20);
                gone = sh("ip", "-o", "link", "show", host);
            }
            assertThat(gone).as("the pair went with the container's namespace").contains("does not exist");
            assertNoTrace(name, pid);
        } finally {
            sh("ip", "link", "del", bridge);
        }
    }

    @Test
    void exitOfInitIsDetectedWithItsReason() throws Exception {
        EventRecorder rec = new EventRecorder();
        conn.events().subscribe(rec);
        String crash = name("crash");
        String clean = name("clean");
        // each init exits once the test has read its pid (a fixed delay raced slow starts under load)
        Path go = host.dir.resolve(crash + ".go");
        String waitForGo = "while [ ! -e " + go + " ]; do sleep 0.05; done; ";
        Domain a = define(crash, "<vcpu>1</vcpu>", os("/bin/sh", "-c", waitForGo + "exit 3"));
        Domain b = define(clean, "<vcpu>1</vcpu>", os("/bin/sh", "-c", waitForGo + "exit 0"));
        a.start();
        long pa = initPid(crash);
        b.start();
        long pb = initPid(clean);
        Files.writeString(go, "");
        DomainEvent ea = rec.await(e -> e instanceof DomainEvent.Stopped && e.name().equals(crash), Duration.ofSeconds(10));
        DomainEvent eb = rec.await(e -> e instanceof DomainEvent.Stopped && e.name().equals(clean), Duration.ofSeconds(10));
        assertThat(((DomainEvent.Stopped) ea).reason()).isEqualTo(StateReason.CRASHED);
        assertThat(((DomainEvent.Stopped) eb).reason()).isEqualTo(StateReason.SHUTDOWN);
        rec.await(e -> e instanceof DomainEvent.Crashed && e.name().equals(crash), Duration.ofSeconds(10));
        assertThat(a.state().state()).isEqualTo(DomainState.SHUTOFF);
        assertNoTrace(crash, pa);
        assertNoTrace(clean, pb);
    }

    @Test
    void rebootOfInitRestartsFromTheSameDefinition() throws Exception {
        String name = name("reboot");
        Path flag = host.dir.resolve(name + ".flag");
        // the first instance "reboots" (unshare reports 129, as for reboot(2) in a pid namespace)
        Domain d = define(name, "<vcpu>1</vcpu>", os("/bin/sh", "-c",
                "if [ -e " + flag + " ]; then exec sleep 1000; fi; : > " + flag + "; sleep 0.2; exit 129"));
        d.start();
        long first = initPid(name);
        await(() -> Files.exists(flag) && !org.jvirt.linux.ProcFs.host().isAlive(first), Duration.ofSeconds(10),
                "the first instance to exit");
        await(() -> new org.jvirt.state.StatusStore(host.stateDir).load(name).map(s -> s.pid() != first).orElse(false),
                Duration.ofSeconds(10), "the restarted instance");
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        long second = initPid(name);
        assertThat(inside(name, "cat", "/proc/1/comm")).isEqualTo("sleep");
        d.reboot();
        long third = initPid(name);
        assertThat(third).isNotEqualTo(second);
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(org.jvirt.linux.ProcFs.host().isAlive(second)).isFalse();
        d.destroy();
        assertNoTrace(name, third);
    }

    @Test
    void ownRootIsAllTheContainerSees() throws Exception {
        Domain d = startedInOwnRoot("root");
        String name = d.name();
        long pid = initPid(name);
        assertThat(List.of(inside(name, "/bin/ls", "/").split("\\s+")))
                .containsExactlyInAnyOrder("bin", "dev", "etc", "proc", "sys");
        assertThat(List.of(inside(name, "/bin/ls", "/..").split("\\s+")))
                .containsExactlyInAnyOrder("bin", "dev", "etc", "proc", "sys");
        assertThat(inside(name, "/bin/cat", "/etc/marker")).isEqualTo("own-root");
        assertThat(inside(name, "/bin/hostname")).isEqualTo(name);
        assertThat(inside(name, "/bin/ls", "/dev")).contains("null", "pts", "ptmx", "zero");
        d.destroy();
        assertNoTrace(name, pid);
    }

    @Test
    void idmapRunsTheContainerAsAnUnprivilegedHostUser() throws Exception {
        Path root = LxcTestHost.idmappedBusyboxRoot(host.dir,
                host.dir.resolve("rootfs-user-" + ProcessHandle.current().pid()));
        String name = name("user");
        String fs = rootFs(root);
        Domain d = conn.defineXml(Defs.xml(name, "<vcpu>1</vcpu>", LxcTestHost.IDMAP, os("/bin/sleep", "1000"), fs));
        d.start();
        long pid = initPid(name);
        assertThat(Files.readString(Path.of("/proc/" + pid + "/uid_map")).trim()).matches("0\\s+100000\\s+65536");
        assertThat(Files.readAllLines(Path.of("/proc/" + pid + "/status"))).filteredOn(l -> l.startsWith("Uid:"))
                .singleElement().asString().matches("Uid:\\s+100000\\s+100000\\s+100000\\s+100000");
        assertThat(inside(name, "/bin/busybox", "id", "-u")).isEqualTo("0");
        assertThat(List.of(inside(name, "/bin/ls", "/").split("\\s+")))
                .containsExactlyInAnyOrder("bin", "dev", "etc", "proc", "sys");
        assertThat(inside(name, "/bin/hostname")).isEqualTo(name);
        d.destroy();
        assertNoTrace(name, pid);
    }

    @Test
    void badDefinitionsFailClearlyAndLeaveNothing() throws Exception {
        Path root = LxcTestHost.busyboxRoot(host.dir.resolve("rootfs-bad-" + ProcessHandle.current().pid()));
        String fs = rootFs(root);

        String missing = name("noinit");
        Domain m = define(missing, "<vcpu>1</vcpu>", os("/nonexistent/init"));
        fails(m::start, ErrorCode.CONFIG_UNSUPPORTED, "init: '/nonexistent/init' does not exist inside the container root '/'");
        assertNoTrace(missing, 0);

        String outside = name("outside");
        Domain o = conn.defineXml(xml(outside, "<vcpu>1</vcpu>", os("/usr/bin/sleep", "9"), fs));
        fails(o::start, ErrorCode.CONFIG_UNSUPPORTED, "init: '/usr/bin/sleep' does not exist inside the container root");
        assertNoTrace(outside, 0);

        fails(() -> conn.defineXml(xml(name("vcpus"), "<vcpu current='1'>2</vcpu><vcpus><vcpu id='0' enabled='yes'/>"
                + "<vcpu id='1' enabled='no' hotpluggable='yes'/></vcpus>", SLEEP, "")),
                ErrorCode.CONFIG_UNSUPPORTED, "not supported for containers");

        int absent = conn.hostTopology().cpuMapWidth() + 3;
        String nocpu = name("nocpu");
        Domain c = define(nocpu, "<vcpu cpuset='" + absent + "'>1</vcpu>", SLEEP);
        fails(c::start, ErrorCode.HOST_CPU, "host CPU " + absent + " does not exist or is offline");
        assertNoTrace(nocpu, 0);

        String many = name("many");
        Domain n = define(many, "<vcpu cpuset='1' current='2'>2</vcpu>", SLEEP);
        fails(n::start, ErrorCode.VCPU_COUNT, "container wants 2 vCPUs but only 1 host CPUs are allowed");
        assertNoTrace(many, 0);

        fails(() -> conn.defineXml(Defs.xml(name("kvm"), "<vcpu>1</vcpu>", "", "<os><type>hvm</type></os>", "")
                .replace("type='lxc'", "type='kvm'")), ErrorCode.CONFIG_UNSUPPORTED, "not supported by the LXC driver");
        for (Domain d : List.of(m, o, c, n)) {
            assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        }
    }
}
