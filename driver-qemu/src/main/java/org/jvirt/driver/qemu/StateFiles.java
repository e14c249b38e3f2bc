package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jvirt.driver.RuntimeRecord;

import org.jvirt.driver.qemu.command.QemuPaths;
import org.jvirt.driver.qemu.process.QemuUser;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.xml.DomainStatus;

/**
 * The driver's files: persistent definitions {@code CONFIG_DIR/NAME.xml} (through core's
 * ConfigStore) and status files (core's StatusStore: domain status XML with the live definition,
 * pid, start time, numad nodes, and the QEMU facts as attributes), written atomically (temp file,
 * fsync, rename) with mode 0600; directories 0700.
 */
public final class StateFiles {
    private static final String MONITOR = "monitor";
    private static final String CGROUP = "cgroup";
    private static final String VCPU = "vcpu.";
    private static final String IOTHREAD = "iothread.";

    private final Path configDir;
    private final Path stateDir;

    public StateFiles(Path configDir, Path stateDir) {
        this.configDir = configDir;
        this.stateDir = stateDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Persistent definitions: core's atomic, 0600 {@link org.jvirt.state.ConfigStore}. */
    public org.jvirt.state.ConfigStore configs() {
        return new org.jvirt.state.ConfigStore(configDir);
    }

    public org.jvirt.state.StatusStore statusStore() {
        return new org.jvirt.state.StatusStore(stateDir);
    }

    public Path statusFile(String name) {
        return statusStore().fileOf(name);
    }

    public Path monitorSocket(String name) {
        return QemuPaths.inRunDir(stateDir, fileName(name)).monitorSocket();
    }

    /** The second QMP socket, for jobs of processes that do not hold the monitor. */
    public Path jobsSocket(String name) {
        return QemuPaths.inRunDir(stateDir, fileName(name)).jobsSocket().orElseThrow();
    }

    public Path pidFile(String name) {
        return QemuPaths.inRunDir(stateDir, fileName(name)).pidFile().orElseThrow();
    }

    /**
     * The lock that the jvirt process holding the domain's QMP monitor holds as long
     * ({@link org.jvirt.linux.DomainLocks#tryAcquireFile}): QMP serves one client, and a second one
     * would only learn that from a greeting that never comes.
     */
    public Path monitorLock(String name) {
        return domainDir(name).resolve("monitor.lock");
    }

    /** A reboot asked for and not yet done ({@link RebootMark}). */
    public Path rebootMark(String name) {
        return domainDir(name).resolve("reboot");
    }

    /** The domain's own directory (monitor socket, pid file), owned by QEMU's user. */
    public Path domainDir(String name) {
        return QemuPaths.domainDir(stateDir, fileName(name));
    }

    /**
     * A fresh, empty domain directory, mode 0700, owned by {@code user}; when QEMU runs as
     * another user than root the state directory becomes 0711 so that it can reach it (but not
     * list it: status files stay 0600 root's).
     */
    public Path prepareDomainDir(String name, QemuUser user) {
        return prepareDomainDir(name, user, QemuUser.ROOT);
    }

    /** As {@link #prepareDomainDir(String, QemuUser)} for a jvirt running as {@code self}: nothing to hand over when QEMU's user is that one. */
    public Path prepareDomainDir(String name, QemuUser user, QemuUser self) {
        Path dir = domainDir(name);
        removeDomainDir(name);
        ensureDir(dir);
        if (user.uid() != self.uid() || user.gid() != self.gid()) {
            try {
                Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx--x--x"));
                Files.setAttribute(dir, "unix:uid", (int) user.uid());
                Files.setAttribute(dir, "unix:gid", (int) user.gid());
            } catch (IOException e) {
                throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot hand %s to uid %d gid %d: %s",
                        dir, user.uid(), user.gid(), e.getMessage());
            }
        }
        return dir;
    }

    /** Removes the domain directory and what QEMU left in it. */
    public void removeDomainDir(String name) {
        delete(monitorSocket(name));
        delete(pidFile(name));
        delete(monitorLock(name));
        delete(jobsSocket(name));
        delete(rebootMark(name));
        delete(domainDir(name));
    }

    /** Domain names may hold any character but '/'; a leading '.' is kept harmless. */
    static String fileName(String name) {
        return name.startsWith(".") ? "_" + name : name;
    }

    public static void ensureDir(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot create directory %s: %s", dir,
                    e.getMessage());
        }
    }

    public static void writeAtomically(Path file, String text) {
        ensureDir(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot write %s: %s", file,
                    e.getMessage());
        }
    }

    /** What a status file records of a running QEMU (core adds state, id, live definition and numad). */
    static RuntimeRecord record(long pid, long startTime, String monitor, String cgroup, Map<Integer, Long> vcpus,
                                Map<Integer, Long> iothreads) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(MONITOR, monitor);
        attrs.put(CGROUP, cgroup);
        vcpus.forEach((id, tid) -> attrs.put(VCPU + id, Long.toString(tid)));
        iothreads.forEach((id, tid) -> attrs.put(IOTHREAD + id, Long.toString(tid)));
        return new RuntimeRecord(pid, startTime, attrs);
    }

    /** A status file read back; empty when it is missing or unusable (the caller cleans up). */
    public Optional<QemuStatus> readStatus(Path file) {
        org.jvirt.xml.DomainStatus s;
        try {
            s = new org.jvirt.xml.StatusXml().read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | VirtException e) {
            return Optional.empty();
        }
        return toQemuStatus(s);
    }

    /** The QEMU facts of a status; empty when its thread ids are unusable. */
    public static Optional<QemuStatus> toQemuStatus(DomainStatus s) {
        java.util.Map<Integer, Long> vcpus = new java.util.TreeMap<>();
        java.util.Map<Integer, Long> iothreads = new java.util.TreeMap<>();
        try {
            s.attributes().forEach((k, v) -> {
                if (k.startsWith(VCPU)) {
                    vcpus.put(Integer.parseInt(k.substring(VCPU.length())), Long.parseLong(v));
                } else if (k.startsWith(IOTHREAD)) {
                    iothreads.put(Integer.parseInt(k.substring(IOTHREAD.length())), Long.parseLong(v));
                }
            });
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new QemuStatus(s.name(), s.id(), s.pid(), s.startTime(), s.attribute(MONITOR).orElse(""),
                s.attribute(CGROUP).orElse(""), vcpus, iothreads,
                s.numadNodes().map(org.jvirt.model.CpuSet::format).orElse(""), s.live(),
                new org.jvirt.StateInfo(s.state(), s.reason())));
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing to keep
        }
    }
}
