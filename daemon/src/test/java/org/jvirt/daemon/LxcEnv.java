package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.driver.lxc.LxcDriverFactory;
import org.jvirt.linux.JnaSignaller;
import org.jvirt.linux.Ticker;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupBackends;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.linux.cgroup.CgroupMounts;
import org.jvirt.spi.Environment;

/**
 * Real containers for jvirtd's tests: lxc.conf with every directory below {@code /tmp/jvit-dl},
 * cgroups below partition {@code jvit-dl}, container names prefixed {@code jvit-dl-} (swept
 * before and after). jvirsh started by a test finds the same settings in {@link #CONF}.
 * Run these tests under {@code flock /work/coord/real-tests.lock} on a shared machine.
 */
final class LxcEnv {
    static final String PARTITION = "jvit-dl";
    static final Path ROOT = Path.of("/tmp/jvit-dl");
    static final Path CONF = ROOT.resolve("conf");

    private LxcEnv() {
    }

    static void require() {
        Tools.requireRoot();
        for (String tool : List.of("/usr/bin/unshare", "/usr/bin/nsenter")) {
            Tools.require(Files.isExecutable(Path.of(tool)), tool, "apt-get install util-linux");
        }
    }

    /** Writes lxc.conf into {@link #CONF}. */
    static void writeConf() throws IOException {
        Files.createDirectories(CONF);
        Files.writeString(CONF.resolve("lxc.conf"), String.format("config_dir = \"%s/etc\"%nstate_dir = \"%s/run\"%n"
                + "log_dir = \"%s/log\"%ncgroup_partition = \"/%s\"%nshutdown_timeout = 3000%ndestroy_timeout = 3000%n",
                ROOT, ROOT, ROOT, PARTITION));
    }

    /** Opens lxc:///system in this JVM with the test settings (what jvirtd holds). */
    static Connection open() {
        Environment env = Environment.of(Map.of("JVIRT_CONF_DIR", CONF.toString()));
        return new ConnectionFactory(Map.of("lxc", new LxcDriverFactory(env)), env)
                .open("lxc:///system", ConnectOptions.DEFAULT.directly());
    }

    static CgroupBackend cgroups() {
        return CgroupBackends.open(CgroupMounts.detect(Path.of("/")), EnumSet.noneOf(CgroupController.class),
                EnumSet.noneOf(CgroupController.class), new JnaSignaller(), Ticker.SYSTEM);
    }

    /** The container's group, as the driver names it. */
    static Cgroup group(String name) {
        return new CgroupLayout("/" + PARTITION).container(name);
    }

    /** Removes every group of the partition (killing what runs there), the partition, and the state and definitions. */
    static void sweep() throws IOException {
        CgroupBackend cg = cgroups();
        List<Path> tops = cg.directories(Cgroup.of(PARTITION));
        for (Path top : tops) {
            List<String> groups = new ArrayList<>();
            try (Stream<Path> s = Files.list(top)) {
                s.filter(Files::isDirectory).forEach(p -> groups.add(p.getFileName().toString()));
            }
            for (String g : groups) {
                cg.remove(Cgroup.of(PARTITION + "/" + g));
            }
        }
        if (!tops.isEmpty() && cg.processes(Cgroup.of(PARTITION)).isEmpty()) {
            cg.remove(Cgroup.of(PARTITION)); // the partition too, once no group is left in it
        }
        for (String d : List.of("run", "etc")) {
            Path dir = ROOT.resolve(d);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
