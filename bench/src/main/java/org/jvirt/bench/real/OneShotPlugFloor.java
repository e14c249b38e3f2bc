package org.jvirt.bench.real;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The physical floor of a one-shot, in-process {@code setvcpus D 4 --live} (2 -> 4) on a running
 * QEMU, as one JVM process: the plain work alone, written as plainly as Java allows, with
 * everything a real command must first find out given on the command line. It connects to the
 * domain's monitor (greeting, {@code qmp_capabilities}), asks QEMU for its CPU entities
 * ({@code query-hotpluggable-cpus}), and for each offline entity sends {@code device_add} with
 * {@code query-cpus-fast} behind it (one round trip, for the new thread's id), makes the vCPU's
 * own group in the cpu, cpuacct and cpuset hierarchies (cgroup v1: {@code cpuset.cpus},
 * {@code cpuset.mems}), moves the thread into each and sets its affinity where the move left it
 * different (sched_setaffinity through JNA's direct mapping; {@code /proc} read first); then
 * writes a status file of {@code statusBytes} atomically (temporary file, fsync, rename), as any
 * manager that survives its own restart must. No jvirt
 * code, no JSON library, no lambdas or streams: what is left is the JVM's start and the work.
 * <p>
 * Args: {@code MONITOR_SOCKET GROUP_DIR_NAME CPUS STATUS_FILE STATUS_BYTES}; the groups go to
 * {@code /sys/fs/cgroup/{cpu,cpuacct,cpuset}/GROUP_DIR_NAME/vcpuN} (GROUP_DIR_NAME relative, its
 * parent existing in each hierarchy with cpuset.cpus and cpuset.mems set); CPUS a list as
 * {@code 0-1}. Prints nothing (with {@code -Dfloor.probe}, each phase's {@code System.nanoTime()}
 * on standard error); a failure ends it with the exception.
 */
public final class OneShotPlugFloor {
    private static final String[] HIERARCHIES = {"cpu", "cpuacct", "cpuset"};

    private OneShotPlugFloor() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: OneShotPlugFloor MONITOR_SOCKET GROUP_DIR_NAME CPUS STATUS_FILE STATUS_BYTES");
            System.exit(2);
        }
        String cpus = args[2];
        mark("main");
        try (Qmp m = Qmp.attach(Path.of(args[0]))) {
            m.handshake();
            mark("handshake");
            List<String> offline = offlineEntities(m.execute("{\"execute\":\"query-hotpluggable-cpus\"}"));
            int vcpu = countOnline(m.execute("{\"execute\":\"query-cpus-fast\"}"));
            mark("attached");
            Path[] parents = new Path[HIERARCHIES.length];
            for (int i = 0; i < HIERARCHIES.length; i++) {
                parents[i] = Path.of("/sys/fs/cgroup", HIERARCHIES[i], args[1]);
                Files.createDirectories(parents[i]);
            }
            copy(parents[2].getParent(), parents[2], "cpuset.cpus");
            copy(parents[2].getParent(), parents[2], "cpuset.mems");
            // the lowest socket first, as a manager plugs vCPU 2 before 3
            for (int k = offline.size() - 1; k >= 0; k--) {
                String id = "vcpu" + vcpu;
                String[] replies = m.executeBoth(deviceAdd(offline.get(k), id), "{\"execute\":\"query-cpus-fast\"}");
                mark("added");
                long tid = threadOf(replies[1], id);
                for (int i = 0; i < HIERARCHIES.length; i++) {
                    Path g = Files.createDirectory(parents[i].resolve(id));
                    if (i == 2) {
                        Files.writeString(g.resolve("cpuset.cpus"), cpus);
                        Files.writeString(g.resolve("cpuset.mems"), Files.readString(parents[i].resolve("cpuset.mems")).strip());
                    }
                    Files.writeString(g.resolve("tasks"), Long.toString(tid));
                }
                if (!cpus.equals(cpusAllowed(tid))) {
                    Affinity.set((int) tid, cpus);
                }
                mark("placed");
                vcpu++;
            }
        }
        mark("plugged");
        writeStatus(Path.of(args[3]), Integer.parseInt(args[4]));
        mark("end");
    }

    private static void mark(String what) {
        if (System.getProperty("floor.probe") != null) {
            System.err.print("PROBE " + System.nanoTime() + " " + what + "\n");
        }
    }

    /** The device_add argument lists of the entities without a qom-path, in QEMU's order (highest socket first). */
    static List<String> offlineEntities(String reply) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        int array = reply.indexOf('[');
        for (int i = array + 1; i < reply.length(); i++) {
            char c = reply.charAt(i);
            if (c == '{' && depth++ == 0) {
                start = i;
            } else if (c == '}' && --depth == 0) {
                String entity = reply.substring(start, i + 1);
                if (!entity.contains("\"qom-path\"")) {
                    out.add(entity);
                }
            } else if (c == ']' && depth == 0) {
                break;
            }
        }
        return out;
    }

    static String deviceAdd(String entity, String id) {
        String type = text(entity, "\"type\"");
        int p = entity.indexOf("\"props\"");
        int open = entity.indexOf('{', p);
        int close = entity.indexOf('}', open);
        String props = entity.substring(open + 1, close).strip();
        return "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"" + type + "\",\"id\":\"" + id + "\","
                + props + "}}";
    }

    private static String text(String json, String key) {
        int k = json.indexOf(key);
        int q1 = json.indexOf('"', json.indexOf(':', k) + 1);
        return json.substring(q1 + 1, json.indexOf('"', q1 + 1));
    }

    private static int countOnline(String reply) {
        int n = 0;
        for (int i = reply.indexOf("\"cpu-index\""); i >= 0; i = reply.indexOf("\"cpu-index\"", i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * The thread id of the CPU device {@code id} in a query-cpus-fast reply, whose entries QEMU
     * starts with their {@code thread-id} (the one inside {@code props} is a topology id).
     */
    static long threadOf(String reply, String id) {
        int at = reply.indexOf("\"/machine/peripheral/" + id + "\"");
        int k = at < 0 ? -1 : reply.lastIndexOf("{\"thread-id\"", at);
        if (k < 0) {
            throw new IllegalStateException("QEMU lists no thread for " + id + ": " + reply);
        }
        int colon = reply.indexOf(':', k);
        int end = colon + 1;
        while (end < reply.length() && (reply.charAt(end) == ' ' || Character.isDigit(reply.charAt(end)))) {
            end++;
        }
        long tid = Long.parseLong(reply.substring(colon + 1, end).strip());
        if (tid <= 0) {
            throw new IllegalStateException("QEMU gives thread id " + tid + " for " + id);
        }
        return tid;
    }

    /**
     * The thread's own CPU mask as the kernel lists it: moved into its cpuset group it already has
     * the group's CPUs, and then the system call (with JNA's start, some 30 ms) changes nothing.
     */
    private static String cpusAllowed(long tid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(tid), "task", Long.toString(tid), "status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring("Cpus_allowed_list:".length()).strip();
            }
        }
        return "";
    }

    private static void copy(Path from, Path to, String file) throws IOException {
        Files.writeString(to.resolve(file), Files.readString(from.resolve(file)).strip());
    }

    private static void writeStatus(Path file, int bytes) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        byte[] text = new byte[bytes];
        java.util.Arrays.fill(text, (byte) 'x');
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(text));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** sched_setaffinity through JNA's direct mapping (the cheapest binding JNA has). */
    static final class Affinity {
        static {
            Native.register("c");
        }

        private Affinity() {
        }

        private static native int sched_setaffinity(int tid, NativeLong size, long[] mask) throws LastErrorException;

        /** {@code cpus}: a list such as {@code 0-1} or {@code 0,2}. */
        static void set(int tid, String cpus) {
            long[] mask = new long[16];
            for (String part : cpus.split(",")) {
                int dash = part.indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int hi = dash < 0 ? lo : Integer.parseInt(part.substring(dash + 1));
                for (int c = lo; c <= hi; c++) {
                    mask[c / 64] |= 1L << (c % 64);
                }
            }
            sched_setaffinity(tid, new NativeLong(mask.length * 8L), mask);
        }
    }
}
