package org.jvirt.host.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jvirt.host.HostArch;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.host.HostArch;
import org.jvirt.host.HostName;
import org.jvirt.model.CpuSet;

/**
 * Reads the raw host facts the kernel publishes, under a root directory ({@code /} in
 * production, a temp dir in tests):
 * <ul>
 * <li>{@code sys/devices/system/cpu/{online,present,possible}} and, per CPU,
 *     {@code cpuN/topology/{physical_package_id,die_id,core_id,thread_siblings_list}};</li>
 * <li>{@code sys/devices/system/node/online} and, per node, {@code nodeN/cpulist},
 *     {@code nodeN/meminfo} (MemTotal) and {@code nodeN/distance};</li>
 * <li>{@code proc/meminfo} (MemTotal), {@code proc/cpuinfo} (the first "cpu MHz") and
 *     {@code proc/sys/kernel/hostname}.</li>
 * </ul>
 * Each file is read with a size bound; a file that exists but cannot be understood is a
 * {@link ErrorCode#NO_HOST_DATA} error naming it; an optional file that is absent gives an empty
 * result.
 */
public final class SysfsReader {
    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final Pattern CPU_DIR = Pattern.compile("cpu(\\d{1,9})");
    private static final Pattern NODE_DIR = Pattern.compile("node(\\d{1,9})");
    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^(?:Node \\d+ )?MemTotal:\\s*(\\d{1,18}) kB\\s*$");

    private final Path root;
    private final Path cpuDir;
    private final Path nodeDir;

    public SysfsReader(Path root) {
        this.root = Objects.requireNonNull(root, "root");
        this.cpuDir = root.resolve("sys/devices/system/cpu");
        this.nodeDir = root.resolve("sys/devices/system/node");
    }

    /** Where a CPU sits, from its {@code topology/} directory. */
    public record CpuPlace(int socketId, int dieId, int coreId, CpuSet siblings) {
        public CpuPlace {
            Objects.requireNonNull(siblings, "siblings");
        }
    }

    /**
     * One NUMA node as sysfs describes it.
     *
     * @param distances distance to each online node id, empty when the file is absent or does not
     *                  match the online node list
     */
    public record NodeFacts(int id, CpuSet cpus, long memoryKiB, Map<Integer, Integer> distances) {
        public NodeFacts {
            Objects.requireNonNull(cpus, "cpus");
            distances = Map.copyOf(distances);
        }
    }

    // ------------------------------------------------------------------ CPUs

    public Optional<CpuSet> onlineCpus() {
        return list(cpuDir.resolve("online"));
    }

    public Optional<CpuSet> presentCpus() {
        return list(cpuDir.resolve("present"));
    }

    public Optional<CpuSet> possibleCpus() {
        return list(cpuDir.resolve("possible"));
    }

    /** The CPUs that have a {@code cpuN} directory. */
    public CpuSet cpuDirectories() {
        return numberedDirectories(cpuDir, CPU_DIR);
    }

    /**
     * The place of CPU {@code cpu}, or empty when it has no {@code topology/} directory (an
     * offline CPU on most architectures). A missing {@code die_id} (kernels before 5.2) is die 0;
     * a socket id of -1 (architectures without packages) is socket 0.
     */
    public Optional<CpuPlace> cpuPlace(int cpu) {
        Path topo = cpuDir.resolve("cpu" + cpu).resolve("topology");
        if (!Files.isDirectory(topo)) {
            return Optional.empty();
        }
        int socket = intFile(topo.resolve("physical_package_id")).orElseThrow(() -> missing(topo, "physical_package_id"));
        int die = intFile(topo.resolve("die_id")).orElse(0);
        int core = intFile(topo.resolve("core_id")).orElseThrow(() -> missing(topo, "core_id"));
        CpuSet siblings = list(topo.resolve("thread_siblings_list")).orElseThrow(
                () -> missing(topo, "thread_siblings_list"));
        return Optional.of(new CpuPlace(socket == -1 ? 0 : socket, die, core, siblings));
    }

    // ------------------------------------------------------------------ NUMA nodes

    /** Whether the kernel publishes NUMA nodes at all. */
    public boolean hasNodes() {
        return Files.isDirectory(nodeDir);
    }

    /**
     * The online NUMA nodes that have a directory, in id order; empty when there is no node
     * directory (a kernel without NUMA support).
     */
    public List<NodeFacts> nodes() {
        if (!hasNodes()) {
            return List.of();
        }
        CpuSet ids = list(nodeDir.resolve("online")).orElseGet(() -> numberedDirectories(nodeDir, NODE_DIR));
        List<Integer> idList = ids.stream().boxed().toList();
        List<NodeFacts> out = new ArrayList<>();
        for (int id : idList) {
            Path dir = nodeDir.resolve("node" + id);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            CpuSet cpus = list(dir.resolve("cpulist")).orElse(CpuSet.EMPTY);
            long mem = memTotal(dir.resolve("meminfo")).orElse(0);
            out.add(new NodeFacts(id, cpus, mem, distances(dir.resolve("distance"), idList)));
        }
        return out;
    }

    private Map<Integer, Integer> distances(Path file, List<Integer> onlineIds) {
        Optional<String> text = read(file);
        if (text.isEmpty() || text.get().isBlank()) {
            return Map.of();
        }
        String[] fields = text.get().trim().split("\\s+");
        if (fields.length != onlineIds.size()) {
            return Map.of(); // node list changed under us: distances are informational, skip them
        }
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
            out.put(onlineIds.get(i), parseInt(fields[i], file));
        }
        return out;
    }

    // ------------------------------------------------------------------ /proc

    /** MemTotal of {@code /proc/meminfo} in KiB. */
    public OptionalLong memTotalKiB() {
        return memTotal(root.resolve("proc/meminfo"));
    }

    /**
     * The CPU frequency libvirt reports: the integer part of the <em>last</em> frequency line of
     * {@code /proc/cpuinfo} ("cpu MHz" on x86, "clock" on POWER, "cpu MHz dynamic" on s390,
     * "CPU MHz" on LoongArch); empty when there is none (ARM never has one).
     */
    public Optional<Integer> cpuMhz(String arch) {
        String prefix = switch (arch) {
            case "x86_64", "i686" -> "cpu MHz";
            case "ppc64", "ppc64le" -> "clock";
            case "s390x" -> "cpu MHz dynamic";
            case "loongarch64" -> "CPU MHz";
            default -> null;
        };
        if (prefix == null) {
            return Optional.empty();
        }
        Pattern line = Pattern.compile("(?m)^" + Pattern.quote(prefix) + "[ \\t]*:[ \\t]*(\\d{1,9})(?:[. \\t].*)?$");
        return read(root.resolve("proc/cpuinfo")).flatMap(text -> {
            Matcher m = line.matcher(text);
            Integer last = null;
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
            return Optional.ofNullable(last);
        });
    }

    public Optional<String> hostname() {
        return HostName.read(root);
    }

    /** {@code uname -m}, from {@code /proc/sys/kernel/arch} (Linux 5.x and later). */
    public Optional<String> arch() {
        return read(root.resolve("proc/sys/kernel/arch")).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** {@link #arch()}, else the JVM's {@code os.arch} in the kernel's spelling (an older kernel). */
    public String hostArch() {
        return arch().orElseGet(() -> HostArch.fromJava(System.getProperty("os.arch")));
    }

    // ------------------------------------------------------------------ helpers

    private OptionalLong memTotal(Path file) {
        Optional<String> text = read(file);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        Matcher m = MEM_TOTAL.matcher(text.get());
        if (!m.find()) {
            throw VirtException.of(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, "%s: no MemTotal line", file);
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }

    private Optional<CpuSet> list(Path file) {
        return read(file).map(text -> {
            String t = text.trim();
            if (t.isEmpty()) {
                return CpuSet.EMPTY; // e.g. the cpulist of a CPU-less node
            }
            try {
                return CpuSet.parseAllowingEmpty(t, file.toString(), CpuSet.XML_LIMIT);
            } catch (VirtException e) {
                throw new VirtException(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST,
                        file + ": not a CPU list: " + e.getMessage(), e);
            }
        });
    }

    private Optional<Integer> intFile(Path file) {
        return read(file).map(text -> parseInt(text.trim(), file));
    }

    private static int parseInt(String text, Path file) {
        if (!text.matches("-?\\d{1,9}")) {
            throw VirtException.of(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, "%s: expected an integer, got '%s'",
                    file, text.length() > 40 ? text.substring(0, 40) + "..." : text);
        }
        return Integer.parseInt(text);
    }

    private static CpuSet numberedDirectories(Path dir, Pattern pattern) {
        BitSet ids = new BitSet();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    int id = Integer.parseInt(m.group(1));
                    if (id < CpuSet.XML_LIMIT) {
                        ids.set(id);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return CpuSet.EMPTY;
        } catch (IOException e) {
            throw new VirtException(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, dir + ": cannot list: " + e, e);
        }
        return CpuSet.fromBits(ids);
    }

    /** The file's text, or empty when it does not exist. */
    private static Optional<String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw VirtException.of(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, "%s: larger than %d bytes",
                        file, MAX_FILE_BYTES);
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // raced with CPU hot-unplug
        } catch (IOException e) {
            throw new VirtException(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, file + ": cannot read: " + e, e);
        }
    }

    private static VirtException missing(Path dir, String name) {
        return VirtException.of(ErrorCode.NO_HOST_DATA, ErrorDomain.HOST, "%s: %s is missing", dir, name);
    }
}
