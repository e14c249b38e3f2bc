package org.jvirt.bench.real;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jvirt.Domain;

/**
 * Start of a pinned KVM domain by jvirt (define and destroy excluded) against a bare
 * {@code qemu-system-x86_64} with the same options until QMP answers {@code qmp_capabilities}
 * (also under {@code taskset -c 1}: jvirt's QEMU starts confined to the emulatorpin CPU),
 * and {@code virsh start} when a libvirtd answers on qemu:///system. Iterations alternate between
 * the series so a load change hits both. Args: [iterations=15].
 */
public final class QemuStartBench {
    private static final int WARMUP = 2;

    private QemuStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Samples jvirt = new Samples("qemu start jvirt");
        Samples[] jvPhases = {
            new Samples("  phase: start() -> domain cgroup"),
            new Samples("  phase: cgroup -> log (cgroups, argv)"),
            new Samples("  phase: log -> wrapper in emulator group"),
            new Samples("  phase: wrapper joined -> QEMU pidfile"),
            new Samples("  phase: pidfile -> vcpu0 thread in its group"),
            new Samples("  phase: vcpu0 placed -> vcpu1 placed"),
            new Samples("  phase: vcpu1 placed -> start() returns"),
        };
        Samples bare = new Samples("qemu start bare (QMP caps)");
        Samples bareToPid = new Samples("  phase: exec -> pidfile");
        Samples bareAfterPid = new Samples("  phase: pidfile -> caps reply");
        Samples bareFull = new Samples("bare + jvirt's QMP queries + cont");
        Samples barePinned = new Samples("bare in taskset -c 1 (emulatorpin)");
        Samples[] none = {new Samples(""), new Samples("")};
        Samples virsh = new Samples("qemu start virsh");
        boolean libvirt = QemuBenchHost.runs(List.of("virsh", "-c", "qemu:///system", "uri"));
        try (QemuBenchHost host = new QemuBenchHost()) {
            for (int i = -WARMUP; i < n; i++) {
                boolean keep = i >= 0;
                jvirtStart(host, keep ? jvirt : null, jvPhases);
                bareStart(host, List.of(), keep ? bare : null, bareToPid, bareAfterPid, bareFull);
                bareStart(host, List.of("taskset", "-c", "1"), keep ? barePinned : null, none[0], none[1],
                        new Samples(""));
                if (libvirt) {
                    virshStart(host, keep ? virsh : null);
                }
            }
        }
        System.out.println("# accelerator: " + QemuBenchHost.accel());
        System.out.println(jvirt.line());
        for (Samples ph : jvPhases) {
            System.out.println(ph.line());
        }
        System.out.println(bare.line());
        System.out.println(bareToPid.line());
        System.out.println(bareAfterPid.line());
        System.out.println(bareFull.line());
        System.out.println(barePinned.line());
        if (libvirt) {
            System.out.println(virsh.line());
        } else {
            System.out.println("qemu start virsh: libvirtd not running (virsh -c qemu:///system failed)");
        }
        System.out.println(Samples.ratio("qemu start jvirt/bare", jvirt, bare, 1.5));
    }

    private static void jvirtStart(QemuBenchHost host, Samples total, Samples[] phases) throws Exception {
        String name = host.name("s");
        Domain d = host.conn.defineXml(QemuBenchHost.domainXml(name));
        Path cg = QemuBenchHost.cpusetRoot().resolve(QemuBenchHost.PARTITION).resolve("qemu-" + name + ".jvirt-qemu");
        Path log = host.root.resolve("log").resolve(name + ".log");
        Path pid = host.stateDir().resolve(name + ".d/qemu.pid");
        try (FileWatch w = new FileWatch(FileWatch.exists(cg), FileWatch.exists(log),
                FileWatch.filled(cg.resolve("emulator/cgroup.procs")), FileWatch.exists(pid),
                FileWatch.filled(cg.resolve("vcpu0/tasks")), FileWatch.filled(cg.resolve("vcpu1/tasks")))) {
            long t0 = System.nanoTime();
            d.start();
            long t1 = System.nanoTime();
            long[] at = {t0, w.seen(0), w.seen(1), w.seen(2), w.seen(3), w.seen(4), w.seen(5), t1};
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

    private static void bareStart(QemuBenchHost host, List<String> wrapper, Samples total, Samples toPid,
                                  Samples afterPid, Samples full) throws Exception {
        String name = host.name("b");
        Path dir = Files.createDirectories(host.root.resolve("bare"));
        Path qmp = dir.resolve(name + ".qmp");
        Path pidfile = dir.resolve(name + ".pid");
        List<String> argv = new java.util.ArrayList<>(wrapper);
        argv.addAll(host.bareArgv(name, qmp, pidfile));
        Process p = null;
        try (FileWatch w = new FileWatch(pidfile)) {
            long t0 = System.nanoTime();
            p = host.spawnBare(argv);
            try (Qmp m = Qmp.connect(qmp, p, 30_000_000_000L)) {
                m.handshake();
                long t1 = System.nanoTime();
                m.execute("{\"execute\":\"query-hotpluggable-cpus\"}");
                m.execute("{\"execute\":\"query-cpus-fast\"}");
                m.execute("{\"execute\":\"query-iothreads\"}");
                m.execute("{\"execute\":\"cont\"}");
                long t2 = System.nanoTime();
                long pid = w.seen(0);
                if (total != null) {
                    total.add(t1 - t0);
                    full.add(t2 - t0);
                    if (pid != 0) {
                        toPid.add(pid - t0);
                        afterPid.add(t1 - pid);
                    }
                }
            }
        } finally {
            if (p != null) {
                host.kill(p);
            }
            Files.deleteIfExists(qmp);
            Files.deleteIfExists(pidfile);
        }
    }

    private static void virshStart(QemuBenchHost host, Samples total) throws Exception {
        String name = host.name("v");
        Path xml = Files.writeString(host.root.resolve(name + ".xml"), QemuBenchHost.domainXml(name));
        if (!QemuBenchHost.runs(List.of("virsh", "-c", "qemu:///system", "define", xml.toString()))) {
            throw new IllegalStateException("virsh define " + xml + " failed");
        }
        try {
            long t0 = System.nanoTime();
            boolean ok = QemuBenchHost.runs(List.of("virsh", "-c", "qemu:///system", "start", name));
            long t1 = System.nanoTime();
            if (!ok) {
                throw new IllegalStateException("virsh start " + name + " failed");
            }
            if (total != null) {
                total.add(t1 - t0);
            }
        } finally {
            QemuBenchHost.runs(List.of("virsh", "-c", "qemu:///system", "destroy", name));
            QemuBenchHost.runs(List.of("virsh", "-c", "qemu:///system", "undefine", name));
        }
    }
}
