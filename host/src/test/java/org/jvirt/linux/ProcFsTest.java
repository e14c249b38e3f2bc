package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

class ProcFsTest {
    @TempDir
    Path tmp;

    private static final String STAT_TAIL = "S 1 100 100 0 -1 4194560 500 0 0 0 7 3 0 0 20 0 4 0 %d 123456 789 "
            + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

    private void write(String rel, String content) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void threadsNamesAndAffinity() throws IOException {
        write("100/task/100/comm", "qemu-system-x86\n");
        write("100/task/105/comm", "CPU 0/KVM\n");
        write("100/task/105/status", "Name:\tCPU 0/KVM\nCpus_allowed:\t2\nCpus_allowed_list:\t1\nMems_allowed_list:\t0\n");
        write("100/task/99x/comm", "not a thread\n");
        ProcFs proc = new ProcFs(tmp);
        assertThat(proc.threads(100)).containsExactly(100L, 105L);
        assertThat(proc.threadName(100, 105)).isEqualTo("CPU 0/KVM");
        assertThat(proc.cpusAllowed(100, 105)).isEqualTo(CpuSet.of(1));
        assertThatThrownBy(() -> proc.threads(7)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_RUNNING));
        assertThatThrownBy(() -> proc.cpusAllowed(100, 100)).hasMessageContaining("No such file");
    }

    @Test
    void startTimeSurvivesHostileCommandNames() throws IOException {
        write("200/stat", "200 (a) b) (c d) " + STAT_TAIL.formatted(987654));
        write("201/stat", "201 ()) " + STAT_TAIL.formatted(5));
        write("202/stat", "202 (short) S 1 2\n");
        write("203/stat", "203 no parenthesis\n");
        ProcFs proc = new ProcFs(tmp);
        assertThat(proc.startTime(200)).hasValue(987654);
        assertThat(proc.startTime(201)).hasValue(5);
        assertThat(proc.startTime(404)).isEmpty();
        assertThat(proc.isSameProcess(200, 987654)).isTrue();
        assertThat(proc.isSameProcess(200, 987655)).isFalse();
        assertThat(proc.isSameProcess(404, 987654)).isFalse();
        assertThat(proc.isAlive(200)).isTrue();
        assertThatThrownBy(() -> proc.startTime(202)).hasMessageContaining("field 22 (starttime) missing");
        assertThatThrownBy(() -> proc.startTime(203)).hasMessageContaining("no ')'");
    }

    @Test
    void childrenCgroupsAndNamespaces() throws IOException {
        write("300/task/300/children", "301 302 ");
        write("300/cgroup", "9:name=systemd:/\n2:cpu,cpuacct:/machine/lxc-a.jvirt-lxc\n3:cpuset:/machine/x\n0::/\n");
        Files.createDirectories(tmp.resolve("300/ns"));
        Files.createSymbolicLink(tmp.resolve("300/ns/pid"), Path.of("pid:[4026531836]"));
        Files.createSymbolicLink(tmp.resolve("300/ns/net"), Path.of("net:[4026531840]"));
        write("301/task/301/children", "");
        ProcFs proc = new ProcFs(tmp);
        assertThat(proc.children(300)).containsExactly(301L, 302L);
        assertThat(proc.children(301)).isEmpty();
        assertThat(proc.cgroups(300)).containsExactly(Map.entry("name=systemd", "/"),
                Map.entry("cpu", "/machine/lxc-a.jvirt-lxc"), Map.entry("cpuacct", "/machine/lxc-a.jvirt-lxc"),
                Map.entry("cpuset", "/machine/x"), Map.entry("", "/"));
        assertThat(proc.namespaces(300)).containsExactly(Map.entry("net", 4026531840L), Map.entry("pid", 4026531836L));
    }

    @Test
    void statRunningPidsAndCmdline() throws IOException {
        write("400/stat", "400 (qemu) x) R 1 100 100 0 -1 4194560 500 0 0 0 7 3 0 0 20 0 4 0 777 123456 789 "
                + "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 5 0 0 0 0\n");
        write("400/task/401/stat", "401 (CPU 0/KVM) S " + STAT_TAIL.substring(2).formatted(888));
        write("400/cmdline", "qemu-system-x86_64\0-name\0guest=vm,debug-threads=on\0");
        write("400/task/401/cgroup", "4:cpuset:/machine/vm/vcpu0\n2:cpu,cpuacct:/machine/vm/vcpu0\n0::/\n");
        write("402/stat", "402 (dead) Z " + STAT_TAIL.substring(2).formatted(9));
        write("402/cmdline", "");
        write("403/stat", "403 (broken)\n");
        Files.createDirectories(tmp.resolve("self"));
        ProcFs proc = new ProcFs(tmp);
        assertThat(proc.stat(400, 400)).hasValue(new ProcFs.Stat('R', 70_000_000L, 30_000_000L, 777, 5));
        assertThat(proc.stat(400, 400).orElseThrow().cpuTimeNanos()).isEqualTo(100_000_000L);
        assertThat(proc.stat(400, 401)).hasValue(new ProcFs.Stat('S', 70_000_000L, 30_000_000L, 888, 0));
        assertThat(proc.stat(400, 999)).isEmpty();
        assertThat(proc.stat(403, 403)).isEmpty();
        assertThat(proc.isRunning(400)).isTrue();
        assertThat(proc.isRunning(402)).as("a zombie").isFalse();
        assertThat(proc.isAlive(402)).as("a zombie still exists").isTrue();
        assertThat(proc.isRunning(404)).isFalse();
        assertThat(proc.pids()).containsExactlyInAnyOrder(400L, 402L, 403L);
        assertThat(proc.cmdline(400)).containsExactly("qemu-system-x86_64", "-name", "guest=vm,debug-threads=on");
        assertThat(proc.cmdline(402)).isEmpty();
        assertThat(proc.cmdline(404)).isEmpty();
        assertThat(proc.cgroups(400, 401)).containsEntry("cpuset", "/machine/vm/vcpu0").containsEntry("cpu", "/machine/vm/vcpu0")
                .containsEntry("", "/");
        assertThat(ProcFs.ifReadable(() -> proc.threadName(400, 999))).isEmpty();
        assertThat(ProcFs.ifReadable(() -> proc.threads(404))).isEmpty();
        assertThat(ProcFs.ifReadable(() -> proc.cmdline(400).get(0))).hasValue("qemu-system-x86_64");
        assertThat(new ProcFs(tmp.resolve("missing")).pids()).isEmpty();
    }

    @Test
    void theIdsOfThisProcessAreTheRealOnes() throws IOException {
        write("self/status", "Name:\tjava\nUmask:\t0022\nUid:\t1001\t0\t0\t0\nGid:\t100 50 50 50\nGroups:\t\n");
        assertThat(new ProcFs(tmp).selfIds()).isEqualTo(new ProcFs.Ids(1001, 100));
        write("self/status", "Name:\tjava\nUid:\t1001\t0\t0\t0\n");
        assertThatThrownBy(() -> new ProcFs(tmp).selfIds()).hasMessageContaining("has no Gid: line");
        write("self/status", "Uid:\tx\nGid:\t0\n");
        assertThatThrownBy(() -> new ProcFs(tmp).selfIds()).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> new ProcFs(tmp.resolve("missing")).selfIds()).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.getMessage()).contains("cannot read").contains("self/status"));
        Path mine = Files.createFile(tmp.resolve("mine"));
        assertThat(ProcFs.host().selfIds().uid()).as("the owner of a file this process made")
                .isEqualTo(((Number) Files.getAttribute(mine, "unix:uid")).longValue());
    }

    @Test
    void aStatusLineIsFoundWhereverItIs() {
        assertThat(ProcFs.statusValue("Cpus_allowed_list:\t0-1\nX:\t1\n", "Cpus_allowed_list:")).isEqualTo("0-1");
        assertThat(ProcFs.statusValue("A:\t1\nCpus_allowed_list:\t3", "Cpus_allowed_list:")).isEqualTo("3");
        assertThat(ProcFs.statusValue("A:\t1\nMy_Cpus_allowed_list:\t3\n", "Cpus_allowed_list:")).isNull();
        assertThat(ProcFs.statusValue("", "Uid:")).isNull();
    }

    @Test
    void theRealProcOfThisJvm() {
        ProcFs proc = ProcFs.host();
        long self = ProcessHandle.current().pid();
        assertThat(proc.threads(self)).contains(self).hasSizeGreaterThan(1);
        assertThat(proc.threadName(self, self)).isEqualTo("java");
        assertThat(proc.startTime(self)).isPresent();
        assertThat(proc.isSameProcess(self, proc.startTime(self).getAsLong())).isTrue();
        assertThat(proc.cpusAllowed(self, self).size()).isGreaterThanOrEqualTo(1);
        assertThat(proc.cgroups(self)).containsKey("");
        assertThat(proc.cgroups(self, self)).isEqualTo(proc.cgroups(self));
        assertThat(proc.isRunning(self)).isTrue();
        assertThat(proc.stat(self, self).orElseThrow().startTime()).isEqualTo(proc.startTime(self).getAsLong());
        assertThat(proc.pids()).contains(self);
        assertThat(proc.cmdline(self)).isNotEmpty();
        assertThat(proc.namespaces(self)).containsKeys("pid", "mnt", "net");
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertThat(proc.children(parent)).contains(self);
    }

    @Test
    void aLongCommandLineIsReadWhole() throws IOException {
        String arg = "x".repeat(40_000);
        write("410/cmdline", "prog\0" + arg + "\0end\0");
        assertThat(new ProcFs(tmp).cmdline(410)).containsExactly("prog", arg, "end");
    }

    /**
     * A process executes one program after another, two command lines alternately: every read
     * is one of them whole, or empty in the middle of an exec; never the first bytes of one and
     * the rest of the other (what reading a byte first, as Files.readString does, gave in about
     * one read of 700 here).
     */
    @Test
    void aCommandLineReadDuringAnExecIsNeverTorn() throws Exception {
        Path script = tmp.resolve("chain.sh");
        Files.writeString(script, String.join("\n",
                "n=$1",
                "[ \"$n\" -le 0 ] && exit 0",
                "if [ $((n % 2)) = 0 ]; then exec sh \"$0\" $((n - 1)); else exec /bin/sh \"$0\" $((n - 1)); fi",
                ""));
        Process p = new ProcessBuilder("/bin/sh", script.toString(), "100000").start();
        ProcFs host = ProcFs.host();
        Set<String> programs = Set.of("sh", "/bin/sh");
        int reads = 0;
        int execs = 0;
        String last = "";
        try {
            long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() - end < 0) {
                List<String> c = host.cmdline(p.pid());
                reads++;
                if (c.isEmpty()) {
                    continue;
                }
                assertThat(c).as("read %d", reads).hasSize(3);
                assertThat(programs).as("read %d: %s", reads, c).contains(c.get(0));
                assertThat(c.get(1)).as("read %d", reads).isEqualTo(script.toString());
                assertThat(c.get(2)).as("read %d", reads).matches("[0-9]+");
                if (!c.get(2).equals(last)) {
                    execs++;
                    last = c.get(2);
                }
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(execs).as("programs executed while read (%d reads)", reads).isGreaterThan(100);
    }
}
