package org.jvirt.bench.remote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.SetVcpusOptions;

/**
 * One-shot {@code jvirsh -c qemu:///system setvcpus D 4 --live} through jvirtd, against its floor:
 * the JVM start ({@code FLOOR_CMD}: jvirsh's JVM and options running {@code -version}) plus the
 * hot-plug itself (the same setVcpus from a connected client through the same jvirtd). Each sample
 * starts the domain afresh (2 of 4 vCPUs online), through jvirtd.
 * <pre>java -cp ... org.jvirt.bench.remote.OneShotHotplug JVIRTD_URI JVIRSH SAMPLES FLOOR_CMD...</pre>
 * The jvirsh process must route qemu:///system to the same jvirtd (JVIRT_CONF_DIR's jvirt.conf).
 */
public final class OneShotHotplug {
    private static final String NAME = "jvb-hotplug";

    private OneShotHotplug() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String jvirsh = args[1];
        int samples = Integer.parseInt(args[2]);
        List<String> floorCmd = Arrays.asList(args).subList(3, args.length);
        List<Double> floor = new ArrayList<>();
        List<Double> plug = new ArrayList<>();
        List<Double> oneShot = new ArrayList<>();
        try (Connection c = Jvirt.connect(uri)) {
            Domain d = c.defineXml("<domain type='qemu'><name>" + NAME + "</name><memory unit='MiB'>64</memory>"
                    + "<vcpu placement='static' current='2'>4</vcpu>"
                    + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>");
            try {
                run(floorCmd); // warm the page cache
                run(List.of(jvirsh, "-c", "qemu:///system", "uri"));
                for (int i = 0; i < samples; i++) {
                    floor.add(run(floorCmd));
                    d.start();
                    long t0 = System.nanoTime();
                    d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
                    plug.add((System.nanoTime() - t0) / 1e6);
                    d.destroy();
                    d.start();
                    oneShot.add(run(List.of(jvirsh, "-c", "qemu:///system", "setvcpus", NAME, "4", "--live")));
                    if (d.vcpuCount().currentLive().orElse(0) != 4) {
                        throw new IllegalStateException("jvirsh setvcpus did not plug the vCPUs");
                    }
                    d.destroy();
                }
            } finally {
                if (d.isActive()) {
                    d.destroy();
                }
                d.undefine();
            }
        }
        double f = median(floor);
        double p = median(plug);
        double o = median(oneShot);
        System.out.printf("JVM floor (java -version) ms: median %.1f  %s%n", f, floor);
        System.out.printf("hot-plug 2->4 through jvirtd ms: median %.1f  %s%n", p, plug);
        System.out.printf("one-shot jvirsh setvcpus ms: median %.1f  %s%n", o, oneShot);
        System.out.printf("goal 1.5 x floor + hot-plug = %.1f ms; one-shot / goal = %.2f%n", 1.5 * f + p,
                o / (1.5 * f + p));
    }

    private static double run(List<String> cmd) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int status = p.waitFor();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (status != 0) {
            throw new IllegalStateException(cmd + " failed: " + new String(out));
        }
        return ms;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
