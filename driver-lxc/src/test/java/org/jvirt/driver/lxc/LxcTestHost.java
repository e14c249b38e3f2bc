package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;

import org.junit.jupiter.api.Assumptions;
import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.spi.Environment;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.linux.JnaSignaller;
import org.jvirt.linux.Ticker;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupBackends;
import org.jvirt.linux.cgroup.CgroupMounts;
import org.jvirt.linux.cgroup.CgroupController;

/**
 * The real host for integration tests: requirements (root, util-linux, cgroups; skipped with the
 * reason when missing, a failure when {@code CI=true}), a private lxc.conf whose directories are
 * in a temp dir and whose cgroup partition is {@code jvirt-test}, and the sweep of everything a
 * test container named {@code jvit-c-*} may have left.
 */
final class LxcTestHost {
    static final String PREFIX = "jvit-c-";
    static final String PARTITION = "jvirt-test";

    final Path dir;
    final Path confDir;
    final Path stateDir;
    final Path configDir;
    final Path logDir;

    private LxcTestHost(Path dir) {
        this.dir = dir;
        this.confDir = dir.resolve("conf");
        this.stateDir = dir.resolve("run");
        this.configDir = dir.resolve("etc");
        this.logDir = dir.resolve("log");
    }

    /** Checks the requirements, writes lxc.conf and sweeps leftovers. */
    static LxcTestHost create(Path dir) throws IOException {
        require();
        LxcTestHost h = new LxcTestHost(dir);
        Files.createDirectories(h.confDir);
        Files.writeString(h.confDir.resolve("lxc.conf"), String.join("\n",
                "config_dir = \"" + h.configDir + "\"",
                "state_dir = \"" + h.stateDir + "\"",
                "log_dir = \"" + h.logDir + "\"",
                "cgroup_partition = \"/" + PARTITION + "\"",
                "shutdown_timeout = 3000",
                "init_timeout = 5000",
                "destroy_timeout = 3000", ""));
        sweep();
        return h;
    }

    static void require() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("root");
        }
        for (String tool : List.of("/usr/bin/unshare", "/usr/bin/nsenter", "/bin/sh", "/usr/bin/mount")) {
            if (!Files.isExecutable(Path.of(tool))) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            try {
                CgroupBackend cg = backend();
                for (CgroupController c : LxcCgroups.REQUIRED) {
                    if (!cg.has(c)) {
                        missing.add("cgroup controller " + c.kernelName());
                    }
                }
            } catch (RuntimeException e) {
                missing.add("cgroups (" + e.getMessage() + ")");
            }
        }
        if (!missing.isEmpty()) {
            String why = "real-container tests need " + String.join(", ", missing);
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + " (CI=true: not skipped)");
            }
            Assumptions.assumeTrue(false, why);
        }
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.substring(4).trim().split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    static CgroupBackend backend() {
        return CgroupBackends.open(CgroupMounts.detect(Path.of("/")), EnumSet.noneOf(CgroupController.class),
                EnumSet.noneOf(CgroupController.class), new JnaSignaller(), Ticker.SYSTEM);
    }

    /** A connection whose lxc.conf is this host's. */
    Connection connect() {
        return connect(confDir);
    }

    /** A connection with the lxc.conf of {@code confDir} (also from another JVM of the tests). */
    static Connection connect(Path confDir) {
        Environment env = Environment.of(Map.of("JVIRT_CONF_DIR", confDir.toString()));
        return JvirtBootstrap.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), Environment.class).setBinding().toInstance(env);
            }
        }).getInstance(ConnectionFactory.class).open("lxc:///system", ConnectOptions.DEFAULT);
    }

    /** Removes (killing their processes) every test container cgroup, in every hierarchy. */
    static void sweep() {
        CgroupBackend cg = backend();
        for (Path top : cg.directories(Cgroup.of(PARTITION))) {
            try (Stream<Path> s = Files.list(top)) {
                for (Path p : s.filter(Files::isDirectory).toList()) {
                    String group = p.getFileName().toString();
                    if (group.startsWith("lxc-") && group.contains(PREFIX)) { // "lxc--V" + PREFIX too
                        cg.remove(Cgroup.of(PARTITION + "/" + p.getFileName()));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sweeps and deletes the temp tree (run after each class, also when a test failed). */
    void close() throws IOException {
        sweep();
        CgroupBackend cg = backend();
        boolean empty = true;
        for (Path top : cg.directories(Cgroup.of(PARTITION))) {
            try (Stream<Path> s = Files.list(top)) {
                empty &= s.noneMatch(Files::isDirectory);
            }
        }
        if (empty && cg.processes(Cgroup.of(PARTITION)).isEmpty()) {
            cg.remove(Cgroup.of(PARTITION)); // the partition too, once no group is left in it
        }
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A minimal root file system: busybox and links for the applets the tests use. */
    static Path busyboxRoot(Path at) throws IOException {
        Path busybox = Path.of("/bin/busybox");
        Assumptions.assumeTrue(Files.isExecutable(busybox) || "true".equals(System.getenv("CI")),
                "the own-root test needs a static /bin/busybox");
        Files.createDirectories(at.resolve("bin"));
        Files.createDirectories(at.resolve("etc"));
        Files.copy(busybox, at.resolve("bin/busybox"));
        Files.setPosixFilePermissions(at.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String a : List.of("sh", "ls", "cat", "sleep", "hostname", "mkdir", "echo", "ps")) {
            Files.createSymbolicLink(at.resolve("bin/" + a), Path.of("busybox"));
        }
        Files.writeString(at.resolve("etc/marker"), "own-root\n");
        return at;
    }

    /**
     * {@link #busyboxRoot} owned by host uid/gid 100000, the root of the user namespace the
     * {@code <idmap>} of {@link #IDMAP} makes, which must reach it through {@code dir}.
     */
    static Path idmappedBusyboxRoot(Path dir, Path at) throws IOException {
        busyboxRoot(at);
        try (Stream<Path> files = Files.walk(at)) {
            for (Path p : files.toList()) {
                Files.setAttribute(p, "unix:uid", 100000, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", 100000, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
        var perms = Files.getPosixFilePermissions(dir);
        perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(dir, perms);
        return at;
    }

    /** Container uid and gid 0-65535 are host ids 100000-165535. */
    static final String IDMAP = "<idmap><uid start='0' target='100000' count='65536'/>"
            + "<gid start='0' target='100000' count='65536'/></idmap>";
}
