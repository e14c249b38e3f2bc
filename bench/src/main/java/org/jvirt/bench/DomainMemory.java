package org.jvirt.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.jvirt.Connection;
import org.jvirt.Jvirt;

/**
 * Heap bytes per defined domain in one test:///default connection: defines N domains (default
 * 100,000; each with 2 vCPUs, a cpuset, a vcpupin, a disk and an interface), then reports the
 * retained heap after a full GC divided by N. Run in the default heap of this machine.
 *
 * <pre>java -cp bench/target/jvirt-benchmarks.jar org.jvirt.bench.DomainMemory [N]</pre>
 */
public final class DomainMemory {
    private DomainMemory() {
    }

    static String domainXml(int i) {
        return "<domain type='kvm'><name>mem-" + i + "</name><memory unit='MiB'>512</memory>"
                + "<vcpu cpuset='0-3' current='2'>4</vcpu><cputune><vcpupin vcpu='1' cpuset='2'/></cputune>"
                + "<os><type arch='x86_64'>hvm</type></os><devices>"
                + "<disk type='file' device='disk'><source file='/var/lib/img/mem-" + i + ".qcow2'/>"
                + "<target dev='vda' bus='virtio'/></disk>"
                + "<interface type='network'><source network='default'/></interface></devices></domain>";
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (Connection conn = Jvirt.connect("test:///default")) {
            conn.defineXml(domainXml(-1)).undefine(); // warm the code paths
            long before = usedAfterGc(mem);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                conn.defineXml(domainXml(i));
            }
            long defineMs = (System.nanoTime() - t0) / 1_000_000;
            long after = usedAfterGc(mem);
            int listed = conn.listDomains().size();
            System.out.printf("domains=%d listed=%d define_ms=%d heap_max_mib=%d retained_mib=%.1f bytes_per_domain=%d%n",
                    n, listed, defineMs, Runtime.getRuntime().maxMemory() >> 20, (after - before) / 1048576.0,
                    (after - before) / n);
        }
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
