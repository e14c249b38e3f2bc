package org.jvirt.bench.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.SetVcpusOptions;

/**
 * One-shot {@code jvirsh -c qemu:///system setvcpus D 4 --live} through jvirtd, against its floor:
 * the JVM start (the JVM and options the launcher runs for this command, with {@code -version},
 * as {@code JVIRSH_PRINT_JVM=1} prints them) plus the hot-plug itself (the same setVcpus from a
 * connected client through the same jvirtd). Each sample starts the domain afresh (2 of 4 vCPUs
 * online), through jvirtd; with {@code SETTLE_MS} (environment, default 0) the plug and the
 * one-shot run that long after the start returned, and the floor that long after the last destroy
 * returned. On TCG a guest spends its first 100-200 ms booting on one of the host's 2 CPUs, which
 * a one-shot started at once shares with it while the floor ({@code java -version}, measured
 * before the start) does not; with 250 the guest idles (in its firmware) when the one-shot runs,
 * as the floor's host does, and both follow the same pause (a process started after an idle
 * moment runs slower here than one started on a busy host, the floor too). Several launchers
 * (built trees) are measured alternately, each with its own floor, sample by sample.
 * <pre>java -cp ... org.jvirt.bench.remote.OneShotHotplug JVIRTD_URI SAMPLES JVIRSH...</pre>
 * Each jvirsh process must route qemu:///system to the same jvirtd (JVIRT_CONF_DIR's jvirt.conf).
 */
public final class OneShotHotplug {
    private static final String NAME = "jvb-hotplug";

    private OneShotHotplug() {
    }

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        int samples = Integer.parseInt(args[1]);
        Map<String, List<String>> floorCmds = new LinkedHashMap<>();
        for (String jvirsh : List.of(args).subList(2, args.length)) {
            run(List.of(jvirsh, "-c", "qemu:///system", "uri")); // records its start-up cache
            List<String> floor = new ArrayList<>(printedJvm(jvirsh));
            floor.add("-version");
            floorCmds.put(jvirsh, floor);
            System.out.println("floor of " + jvirsh + ": " + String.join(" ", floor));
        }
        Map<String, List<Double>> floor = new LinkedHashMap<>();
        Map<String, List<Double>> oneShot = new LinkedHashMap<>();
        List<Double> plug = new ArrayList<>();
        long settle = Long.parseLong(System.getenv().getOrDefault("SETTLE_MS", "0"));
        System.out.println("SETTLE_MS=" + settle + ": each plug and one-shot that long after the domain's start"
                + " returned, each floor that long after the last destroy");
        try (Connection c = Jvirt.connect(uri)) {
            Domain d = c.defineXml("<domain type='qemu'><name>" + NAME + "</name><memory unit='MiB'>64</memory>"
                    + "<vcpu placement='static' current='2'>4</vcpu>"
                    + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features></domain>");
            try {
                for (int i = 0; i < samples; i++) {
                    d.start();
                    Thread.sleep(settle);
                    long t0 = System.nanoTime();
                    d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
                    plug.add((System.nanoTime() - t0) / 1e6);
                    d.destroy();
                    for (Map.Entry<String, List<String>> e : floorCmds.entrySet()) {
                        Thread.sleep(settle);
                        floor.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(run(e.getValue()));
                        d.start();
                        Thread.sleep(settle);
                        oneShot.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(
                                run(List.of(e.getKey(), "-c", "qemu:///system", "setvcpus", NAME, "4", "--live")));
                        if (d.vcpuCount().currentLive().orElse(0) != 4) {
                            throw new IllegalStateException(e.getKey() + " setvcpus did not plug the vCPUs");
                        }
                        d.destroy();
                    }
                }
            } finally {
                if (d.isActive()) {
                    d.destroy();
                }
                d.undefine();
            }
        }
        double p = median(plug);
        System.out.printf("hot-plug 2->4 through jvirtd ms: median %.1f  %s%n", p, plug);
        for (String jvirsh : floorCmds.keySet()) {
            double f = median(floor.get(jvirsh));
            double o = median(oneShot.get(jvirsh));
            System.out.printf("%s%n  JVM floor (java -version) ms: median %.1f  %s%n", jvirsh, f, floor.get(jvirsh));
            System.out.printf("  one-shot jvirsh setvcpus ms: median %.1f  %s%n", o, oneShot.get(jvirsh));
            System.out.printf("  goal 1.5 x floor + hot-plug = %.1f ms; one-shot / goal = %.2f%n", 1.5 * f + p,
                    o / (1.5 * f + p));
        }
    }

    private static List<String> printedJvm(String jvirsh) throws IOException, InterruptedException {
        // the options the launcher gives this very command (one command on one domain: the interpreter)
        ProcessBuilder pb = new ProcessBuilder(jvirsh, "-c", "qemu:///system", "setvcpus", NAME, "4", "--live")
                .redirectErrorStream(true);
        pb.environment().put("JVIRSH_PRINT_JVM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(jvirsh + " failed: " + out);
        }
        return out.lines().toList();
    }

    private static double run(List<String> cmd) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        int status = p.waitFor();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (status != 0) {
            throw new IllegalStateException(cmd + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return ms;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
