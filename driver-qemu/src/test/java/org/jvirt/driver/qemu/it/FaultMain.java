package org.jvirt.driver.qemu.it;

import java.util.List;
import java.util.Random;

import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

/**
 * A jvirt process of the fault tests, run in its own JVM so that it can be killed (SIGKILL) at
 * any point. It connects, prints {@code ready}, then {@code go} right before its operation and
 * {@code done MILLIS} after it.
 *
 * <ul>
 * <li>{@code start NAME}, {@code destroy NAME}, {@code setvcpus NAME N} (live), {@code reboot NAME},
 * {@code shutdown NAME}, {@code undefine NAME}: one operation.</li>
 * <li>{@code die-in NAME JOB}: takes the domain's lock with the record of job {@code JOB} as a job
 * does, prints {@code go} and waits to be killed (a crash at a moment the test chooses).</li>
 * <li>{@code hold NAME}: prints {@code ready} and keeps the connection (and so the domain's monitor,
 * when it gets it) until standard input ends.</li>
 * <li>{@code random SEED MILLIS OWNED NAME...}: random start / destroy / vcpupin --live (of vCPU
 * {@code OWNED} only) / emulatorpin --live (only when {@code OWNED} is 0) / setvcpus --live /
 * domstate for {@code MILLIS} ms; prints {@code phase1 ...} and waits for a line on standard input
 * (the test starts every domain meanwhile); then rounds of vcpupin of vCPU {@code OWNED} with a
 * random set and setvcpus on every domain, each pin read back at once (no other process pins that
 * vCPU, so anything else is a lost update: {@code lost ...}); prints {@code pin NAME CPUS} with
 * the last set of each domain. Errors a user can get from a race (not running, already active,
 * ...) are counted; a timeout or any other error ends it with {@code error ...}.</li>
 * </ul>
 */
public final class FaultMain {
    private FaultMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection conn = QemuTestEnv.connect()) {
            System.out.println("ready");
            System.out.flush();
            switch (args[0]) {
                case "start" -> timed(() -> conn.lookupByName(args[1]).start(StartOptions.DEFAULT));
                case "destroy" -> timed(() -> conn.lookupByName(args[1]).destroy(DestroyOptions.DEFAULT));
                case "undefine" -> timed(() -> conn.lookupByName(args[1]).undefine());
                case "die-in" -> {
                    // holds the domain's lock with the record of job args[2], as a job does, until killed
                    new org.jvirt.linux.DomainLocks(QemuTestEnv.ROOT.resolve("run"), java.time.Duration.ofSeconds(30),
                            org.jvirt.linux.Ticker.SYSTEM).acquire(args[1], args[2]);
                    System.out.println("go");
                    System.out.flush();
                    while (System.in.read() >= 0) {
                        // until killed
                    }
                }
                case "reboot" -> timed(() -> conn.lookupByName(args[1]).reboot());
                case "shutdown" -> timed(() -> conn.lookupByName(args[1]).shutdown());
                case "setvcpus" -> timed(() -> conn.lookupByName(args[1]).setVcpus(Integer.parseInt(args[2]),
                        SetVcpusOptions.of(Affect.LIVE)));
                case "hold" -> {
                    conn.lookupByName(args[1]).state();
                    while (System.in.read() >= 0) {
                        // keep the connection
                    }
                }
                case "random" -> random(conn, Long.parseLong(args[1]), Long.parseLong(args[2]),
                        Integer.parseInt(args[3]), List.of(args).subList(4, args.length));
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static void timed(Runnable op) {
        System.out.println("go");
        System.out.flush();
        long t0 = System.nanoTime();
        op.run();
        System.out.println("done " + (System.nanoTime() - t0) / 1_000_000);
        System.out.flush();
    }

    /** The pins a random child uses: the host's CPUs alone and together. */
    static final List<CpuSet> PINS = List.of(CpuSet.parse("0"), CpuSet.parse("1"), CpuSet.parse("0-1"));

    private static void random(Connection conn, long seed, long millis, int owned, List<String> names) {
        Random rnd = new Random(seed);
        long end = System.nanoTime() + millis * 1_000_000;
        int ops = 0;
        int refused = 0;
        while (System.nanoTime() < end) {
            Domain d = conn.lookupByName(names.get(rnd.nextInt(names.size())));
            int op = rnd.nextInt(10);
            try {
                switch (op) {
                    case 0 -> d.start(StartOptions.DEFAULT);
                    case 1 -> d.destroy(DestroyOptions.DEFAULT);
                    case 2, 3, 4 -> d.pinVcpu(owned, PINS.get(rnd.nextInt(PINS.size())), Affect.LIVE);
                    case 5 -> {
                        if (owned == 0) {
                            d.pinEmulator(PINS.get(rnd.nextInt(PINS.size())), Affect.LIVE);
                        }
                    }
                    case 6, 7 -> d.setVcpus(2 + rnd.nextInt(3), SetVcpusOptions.of(Affect.LIVE));
                    default -> d.state();
                }
                ops++;
            } catch (VirtException e) {
                if (!expected(e)) {
                    System.out.println("error " + op + " " + e.code() + " " + e.getMessage() + " at "
                            + java.util.Arrays.toString(e.getStackTrace()));
                    System.exit(3);
                }
                refused++;
            }
        }
        System.out.println("phase1 ops " + ops + " refused " + refused);
        System.out.flush();
        try {
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.Map<String, CpuSet> last = new java.util.TreeMap<>();
        for (int round = 0; round < 4; round++) {
            for (String name : names) {
                Domain d = conn.lookupByName(name);
                CpuSet pin = PINS.get(rnd.nextInt(PINS.size()));
                try {
                    d.pinVcpu(owned, pin, Affect.LIVE);
                    last.put(name, pin);
                    CpuSet back = d.vcpuPinInfo(Affect.LIVE).get(owned);
                    if (!back.equals(pin)) {
                        System.out.println("lost " + name + " vcpu " + owned + " pinned " + pin.format() + " reads "
                                + back.format());
                        System.exit(4);
                    }
                    d.setVcpus(2 + rnd.nextInt(3), SetVcpusOptions.of(Affect.LIVE));
                } catch (VirtException e) {
                    if (!expected(e)) {
                        System.out.println("error phase2 " + e.code() + " " + e.getMessage());
                        System.exit(3);
                    }
                }
            }
        }
        last.forEach((name, pin) -> System.out.println("pin " + name + " " + pin.format()));
        System.out.println("final");
        System.out.flush();
    }

    /** What a user can get when another process changed the domain just before: not a fault. */
    private static boolean expected(VirtException e) {
        ErrorCode c = e.code();
        return c == ErrorCode.NOT_RUNNING || c == ErrorCode.OPERATION_INVALID || c == ErrorCode.HOTPLUG_TARGET
                || (c == ErrorCode.OPERATION_FAILED && e.getMessage().contains("unplug"));
    }
}
