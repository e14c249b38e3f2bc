package org.jvirt.bench.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.spi.Environment;
import org.jvirt.driver.lxc.LxcDriverFactory;

/**
 * Container start by jvirt (define and destroy excluded; host root shared, init
 * {@code /bin/sleep 1000}, {@code <vcpu cpuset='0-1' current='1'>2</vcpu>}, 128 MiB) against a bare
 * {@code unshare --pid --fork --mount-proc --uts --ipc -- /bin/true} run by a shell that first
 * creates the same cgroup in every hierarchy jvirt uses, writes the same limits and joins it
 * (cgroup v1 only; on v2 the bare series is the plain unshare). Iterations alternate. Args:
 * [iterations=15].
 */
public final class LxcStartBench {
    private static final int WARMUP = 2;
    private static final String PARTITION = "jvbench-lxc";
    private static final List<String> CONTROLLERS = List.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "pids");
    private static final String UNSHARE = "/usr/bin/unshare --pid --fork --mount-proc --uts --ipc -- /bin/true";
    /** The shell of the bare series: $1 = group name; the same writes as jvirt's LxcCgroups on v1. */
    private static final String BARE_SCRIPT = String.join("\n",
            "set -e",
            "g=$1; c=/sys/fs/cgroup",
            "for h in " + String.join(" ", CONTROLLERS) + "; do [ -d $c/$h ] && mkdir $c/$h/" + PARTITION + "/$g; done",
            "echo 0-1 > $c/cpuset/" + PARTITION + "/$g/cpuset.cpus",
            "cat $c/cpuset/cpuset.mems > $c/cpuset/" + PARTITION + "/$g/cpuset.mems",
            "echo 100000 > $c/cpu/" + PARTITION + "/$g/cpu.cfs_period_us",
            "echo 100000 > $c/cpu/" + PARTITION + "/$g/cpu.cfs_quota_us",
            "echo 134217728 > $c/memory/" + PARTITION + "/$g/memory.limit_in_bytes",
            "d=$c/devices/" + PARTITION + "/$g",
            "echo a > $d/devices.deny",
            "for a in 'c 1:3 rwm' 'c 1:5 rwm' 'c 1:7 rwm' 'c 1:8 rwm' 'c 1:9 rwm' 'c 5:0 rwm' 'c 5:2 rwm' "
                    + "'c 10:229 rwm' 'c 136:* rwm'; do echo \"$a\" > $d/devices.allow; done",
            "for h in " + String.join(" ", CONTROLLERS) + "; do [ -d $c/$h ] && echo $$ > $c/$h/" + PARTITION
                    + "/$g/cgroup.procs; done",
            "exec " + UNSHARE, "");

    private LxcStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path root = Files.createTempDirectory("jvbench-lxc.");
        Path conf = Files.createDirectories(root.resolve("conf"));
        Files.writeString(conf.resolve("lxc.conf"), String.join("\n",
                "config_dir = \"" + root.resolve("etc") + "\"",
                "state_dir = \"" + root.resolve("run") + "\"",
                "log_dir = \"" + root.resolve("log") + "\"",
                "cgroup_partition = \"/" + PARTITION + "\"", ""));
        Environment env = Environment.of(Map.of("JVIRT_CONF_DIR", conf.toString()));
        boolean v1 = Files.isDirectory(Path.of("/sys/fs/cgroup/cpuset"));
        Samples jvirt = new Samples("lxc start jvirt");
        Samples[] phases = {
            new Samples("  phase: start() -> cgroup"),
            new Samples("  phase: cgroup -> FIFO (limits)"),
            new Samples("  phase: FIFO -> start() returns"),
        };
        Samples unshare = new Samples("lxc bare unshare");
        Samples bare = new Samples("lxc bare unshare + cgroup (sh)");
        String prefix = "jvbench-" + ProcessHandle.current().pid() + "-";
        Runnable clean = () -> removeCgroups(prefix);
        Thread hook = new Thread(clean, "jvbench-lxc-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Connection conn = new ConnectionFactory(Map.of("lxc", new LxcDriverFactory(env)), env)
                .open("lxc:///system", ConnectOptions.DEFAULT);
        try {
            for (String h : CONTROLLERS) { // the partition exists before timing, for both sides
                Path p = Path.of("/sys/fs/cgroup", h);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(p.resolve(PARTITION));
                }
            }
            for (int i = -WARMUP; i < n; i++) {
                boolean keep = i >= 0;
                String name = prefix + i;
                jvirtStart(conn, root, name, keep ? jvirt : null, phases);
                time(List.of(UNSHARE.split(" ")), keep ? unshare : null);
                if (v1) {
                    String g = "bare-" + name;
                    time(List.of("/bin/sh", "-c", BARE_SCRIPT, "sh", g), keep ? bare : null);
                    removeGroup(g);
                }
            }
        } finally {
            for (Domain d : conn.listDomains()) {
                if (d.name().startsWith(prefix)) {
                    try {
                        if (d.isActive()) {
                            d.destroy();
                        }
                        d.undefine();
                    } catch (RuntimeException e) {
                        System.err.println("cleanup of " + d.name() + ": " + e.getMessage());
                    }
                }
            }
            conn.close();
            clean.run();
            Runtime.getRuntime().removeShutdownHook(hook);
            QemuBenchHost.deleteTree(root);
        }
        System.out.println(jvirt.line());
        for (Samples p : phases) {
            System.out.println(p.line());
        }
        System.out.println(unshare.line());
        if (v1) {
            System.out.println(bare.line());
            System.out.println(Samples.ratio("lxc start jvirt/(unshare+cgroup)", jvirt, bare, 2.0));
        } else {
            System.out.println("lxc bare unshare + cgroup: cgroup v2 host, the shell's writes are v1 only");
        }
        System.out.println(Samples.ratio("lxc start jvirt/unshare", jvirt, unshare, Double.NaN));
    }

    private static void jvirtStart(Connection conn, Path root, String name, Samples total, Samples[] phases)
            throws Exception {
        Domain d = conn.defineXml("<domain type='lxc'><name>" + name + "</name><memory unit='MiB'>128</memory>"
                + "<vcpu cpuset='0-1' current='1'>2</vcpu><os><type>exe</type><init>/bin/sleep</init>"
                + "<initarg>1000</initarg></os><devices/></domain>");
        Path cg = QemuBenchHost.cpusetRoot().resolve(PARTITION).resolve("lxc-" + name + ".jvirt-lxc");
        try (FileWatch w = new FileWatch(cg, root.resolve("run").resolve(name + ".go"))) {
            long t0 = System.nanoTime();
            d.start();
            long t1 = System.nanoTime();
            long[] at = {t0, w.seen(0), w.seen(1), t1};
            if (total != null) {
                total.add(t1 - t0);
                for (int i = 0; i < phases.length; i++) {
                    if (at[i] != 0 && at[i + 1] != 0) {
                        phases[i].add(at[i + 1] - at[i]);
                    }
                }
            }
        } finally {
            if (d.isActive()) {
                d.destroy();
            }
            d.undefine();
        }
    }

    private static void time(List<String> argv, Samples s) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(argv + " did not finish");
        }
        long t1 = System.nanoTime();
        if (p.exitValue() != 0) {
            throw new IllegalStateException(argv + " exited " + p.exitValue() + ": " + out);
        }
        if (s != null) {
            s.add(t1 - t0);
        }
    }

    private static void removeGroup(String g) throws IOException {
        for (String h : CONTROLLERS) {
            Files.deleteIfExists(Path.of("/sys/fs/cgroup", h, PARTITION, g));
        }
    }

    /** Kills what is left in this run's groups and removes them, then the partition when empty. */
    private static void removeCgroups(String prefix) {
        List<Path> left = new ArrayList<>();
        for (String h : CONTROLLERS) {
            Path part = Path.of("/sys/fs/cgroup", h, PARTITION);
            if (!Files.isDirectory(part)) {
                continue;
            }
            try (var s = Files.list(part)) {
                s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().contains(prefix))
                        .forEach(left::add);
            } catch (IOException e) {
                System.err.println(part + ": " + e.getMessage());
            }
        }
        for (Path g : left) {
            try {
                for (String pid : Files.readAllLines(g.resolve("cgroup.procs"))) {
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (IOException | NumberFormatException e) {
                System.err.println(g + ": " + e.getMessage());
            }
        }
        for (Path g : left) {
            for (int i = 0; i < 50 && Files.exists(g); i++) {
                try {
                    Files.deleteIfExists(g);
                } catch (IOException e) {
                    sleep();
                }
            }
        }
        for (String h : CONTROLLERS) {
            try {
                Files.deleteIfExists(Path.of("/sys/fs/cgroup", h, PARTITION));
            } catch (IOException e) {
                // another run's groups are still in it
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
