package org.jvirt.driver.qemu.capabilities;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.jvirt.Version;
import org.jvirt.driver.qemu.monitor.QmpClient;
import org.jvirt.driver.qemu.monitor.QmpListener;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.Ticker;

/**
 * Probes a QEMU binary once: starts it with {@code -machine none} and a QMP socket, asks
 * {@code query-version}, {@code query-machines} and {@code query-kvm}, then {@code quit}s it.
 * Results are cached per binary path + modification time, in memory and as a JSON file in
 * {@code cacheDir} (every jvirsh call is a new JVM; a probe costs a QEMU start).
 */
public final class CapabilitiesProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path cacheDir;
    private final Map<String, CapsFile> memory = new ConcurrentHashMap<>();

    public CapabilitiesProbe(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The capabilities of {@code binary}, probing only when the binary changed since the last probe. */
    public QemuCaps probe(String binary) {
        long mtime = mtime(binary);
        CapsFile c = memory.get(binary);
        if (c != null && c.mtime() == mtime) {
            return c.caps();
        }
        Path file = cacheDir.resolve("caps-" + Integer.toHexString(binary.hashCode()) + ".json");
        CapsFile fromFile = readFile(file, binary);
        if (fromFile != null && fromFile.mtime() == mtime) {
            memory.put(binary, fromFile);
            return fromFile.caps();
        }
        QemuCaps caps = run(binary);
        memory.put(binary, new CapsFile(mtime, caps));
        writeFile(file, new CapsFile(mtime, caps));
        return caps;
    }

    private static long mtime(String binary) {
        try {
            return Files.getLastModifiedTime(Path.of(binary)).toMillis();
        } catch (IOException | RuntimeException e) {
            throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.QEMU,
                    "QEMU binary '%s' is not usable: %s (set 'emulator' in qemu.conf or <devices><emulator>)",
                    binary, e.getMessage());
        }
    }

    private static CapsFile readFile(Path file, String binary) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            CapsFile c = CapsFile.parse(Files.readString(file));
            return c.caps().binary().equals(binary) ? c : null;
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache is probed again
        }
    }

    private void writeFile(Path file, CapsFile c) {
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "caps", ".tmp");
            Files.writeString(tmp, c.toJson());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // only a cache: the next JVM probes again
        }
    }

    private QemuCaps run(String binary) {
        Path dir;
        try {
            Files.createDirectories(cacheDir);
            dir = Files.createTempDirectory(cacheDir, "probe");
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot create %s: %s", cacheDir,
                    e.getMessage());
        }
        Path sock = dir.resolve("qmp.sock");
        Process p = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(binary, "-S", "-no-user-config", "-nodefaults", "-nographic",
                    "-machine", "none", "-accel", "kvm", "-accel", "tcg",
                    "-qmp", "unix:" + sock + ",server=on,wait=off");
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(dir.resolve("stderr").toFile());
            p = pb.start();
            Process qemu = p;
            // gives up when QEMU exits (it says why on standard error) rather than at the timeout
            try (QmpClient qmp = QmpClient.connect(sock, TIMEOUT, TIMEOUT, QmpListener.NONE, qemu::isAlive,
                    Ticker.SYSTEM)) {
                QemuCaps caps = parse(binary, qmp.execute("query-version"), qmp.execute("query-machines"),
                        qmp.execute("query-kvm"));
                try {
                    qmp.execute("quit", null, Duration.ofSeconds(2));
                } catch (VirtException ignored) {
                    // it exits anyway
                }
                return caps;
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.QEMU, "cannot run %s: %s", binary,
                    e.getMessage());
        } catch (VirtException e) {
            String err = "";
            try {
                err = Files.readString(dir.resolve("stderr")).strip();
            } catch (IOException ignored) {
                // no output
            }
            throw VirtException.of(ErrorCode.NO_SUPPORT, ErrorDomain.QEMU, "cannot probe %s: %s%s", binary,
                    e.getMessage(), err.isEmpty() ? "" : " (QEMU said: " + err + ")");
        } finally {
            if (p != null) {
                try {
                    if (!p.waitFor(2, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Builds the capabilities from the three QMP answers (pure; used by the tests). */
    public static QemuCaps parse(String binary, JsonNode version, JsonNode machines, JsonNode kvm) {
        JsonNode q = version.path("qemu");
        Version v = new Version(q.path("major").asInt(), q.path("minor").asInt(), q.path("micro").asInt());
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> max = new HashMap<>();
        String def = null;
        for (JsonNode m : machines) {
            String name = m.path("name").asText();
            if (name.isEmpty()) {
                continue;
            }
            names.put(name, name);
            max.put(name, m.path("cpu-max").asInt(1));
            if (m.hasNonNull("alias")) {
                names.put(m.path("alias").asText(), name);
            }
            if (m.path("is-default").asBoolean(false)) {
                def = name;
            }
        }
        if (def == null) {
            def = names.getOrDefault("pc", names.keySet().stream().sorted().findFirst().orElse("pc"));
        }
        return new QemuCaps(binary, v, names, def, max, kvm.path("enabled").asBoolean(false));
    }
}
