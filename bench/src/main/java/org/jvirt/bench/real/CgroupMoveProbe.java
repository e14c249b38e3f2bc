package org.jvirt.bench.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one cgroup migration costs on this host (the step both drivers take and the bare peers
 * do not): a {@code sleep} process is moved into a probe cpuset group after 200 ms of quiet, then
 * at once back. On cgroup v1 the first write waits for an RCU grace period
 * (cgroup_threadgroup_rwsem), the second, inside the same window, does not. Args: [iterations=15].
 */
public final class CgroupMoveProbe {
    private CgroupMoveProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path top = QemuBenchHost.cpusetRoot();
        Path probe = top.resolve("jvbench-probe-" + ProcessHandle.current().pid());
        Samples first = new Samples("cgroup move after 200 ms idle");
        Samples second = new Samples("cgroup move right after another");
        Process p = new ProcessBuilder("/bin/sleep", "1000").start();
        try {
            Files.createDirectory(probe);
            if (Files.exists(probe.resolve("cpuset.cpus"))) {
                Files.writeString(probe.resolve("cpuset.cpus"), Files.readString(top.resolve("cpuset.cpus")).strip());
                Files.writeString(probe.resolve("cpuset.mems"), Files.readString(top.resolve("cpuset.mems")).strip());
            }
            String pid = Long.toString(p.pid());
            for (int i = 0; i < n; i++) {
                Thread.sleep(200);
                long t0 = System.nanoTime();
                Files.writeString(probe.resolve("cgroup.procs"), pid);
                long t1 = System.nanoTime();
                Files.writeString(top.resolve("cgroup.procs"), pid);
                long t2 = System.nanoTime();
                first.add(t1 - t0);
                second.add(t2 - t1);
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            remove(probe);
        }
        for (Samples s : List.of(first, second)) {
            System.out.println(s.line());
        }
    }

    private static void remove(Path probe) throws IOException, InterruptedException {
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(probe);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        Files.deleteIfExists(probe);
    }
}
