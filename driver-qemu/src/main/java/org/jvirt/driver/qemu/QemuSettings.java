package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jvirt.conf.ConfFile;
import org.jvirt.conf.QemuConfKeys;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.state.StateDirs;

/**
 * The qemu.conf settings the driver applies (docs/qemu.md#qemuconf), with their defaults. Durations are
 * milliseconds in the file.
 */
public record QemuSettings(String emulator, boolean setProcessName, Path configDir, Path stateDir, Path logDir,
                           Set<CgroupController> cgroupControllers, String cgroupPartition, String numad,
                           Duration numadTimeout, Duration monitorConnectTimeout, Duration monitorCommandTimeout,
                           Duration unplugTimeout, Duration destroyGrace, Duration destroyTimeout,
                           Duration gracefulDestroyTimeout,
                           boolean sandbox, long maxProcesses, long maxFiles, long maxThreadsPerProcess,
                           List<Path> deviceAcl, String user, String group) {
    public QemuSettings {
        Objects.requireNonNull(emulator, "emulator");
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(logDir, "logDir");
        cgroupControllers = Set.copyOf(cgroupControllers);
        deviceAcl = List.copyOf(deviceAcl);
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }

    /** cgroup_device_acl's default: what every QEMU may open (docs/qemu.md#qemuconf). */
    public static final List<Path> DEFAULT_DEVICE_ACL = paths(List.of("/dev/null", "/dev/full", "/dev/zero",
            "/dev/random", "/dev/urandom", "/dev/ptmx", "/dev/kvm"));

    /**
     * cgroup_controllers' default: what QEMU domains are limited or accounted by (the freezer is
     * not one: QEMU pauses through QMP). Those the host lacks are skipped.
     */
    public static final Set<CgroupController> DEFAULT_CGROUP_CONTROLLERS = Set.copyOf(EnumSet.of(CgroupController.CPU,
            CgroupController.CPUACCT, CgroupController.CPUSET, CgroupController.MEMORY, CgroupController.DEVICES, CgroupController.BLKIO,
            CgroupController.PIDS));

    /** The settings of {@code conf} (keys checked against {@link QemuConfKeys#SCHEMA}). */
    public static QemuSettings from(ConfFile conf) {
        return from(conf, StateDirs.system("qemu"), "root", "root");
    }

    /**
     * The settings of {@code conf} with other defaults for the directories and for QEMU's user
     * and group (a session's: its user's XDG directories, the user itself).
     */
    public static QemuSettings from(ConfFile conf, StateDirs dirs, String user, String group) {
        conf.check(QemuConfKeys.SCHEMA);
        return from(conf, conf.contains(QemuConfKeys.CGROUP_CONTROLLERS) ? controllers(conf) : DEFAULT_CGROUP_CONTROLLERS,
                StateDirs.fromConf(dirs, conf), user, group);
    }

    private static Set<CgroupController> controllers(ConfFile conf) {
        return CgroupController.parseList(conf.getStringList(QemuConfKeys.CGROUP_CONTROLLERS, List.of()),
                conf.fileName());
    }

    private static QemuSettings from(ConfFile conf, Set<CgroupController> ctrls, StateDirs dirs, String user,
                                     String group) {
        return new QemuSettings(
                conf.getString(QemuConfKeys.EMULATOR, "/usr/bin/qemu-system-x86_64"),
                conf.getBoolean(QemuConfKeys.SET_PROCESS_NAME, false),
                dirs.configDir(), dirs.runDir(), dirs.logDir(),
                ctrls,
                conf.getString(QemuConfKeys.CGROUP_PARTITION, "/machine"),
                conf.getString(QemuConfKeys.NUMAD, "/usr/bin/numad"),
                ms(conf, QemuConfKeys.NUMAD_TIMEOUT, 30_000),
                ms(conf, QemuConfKeys.MONITOR_CONNECT_TIMEOUT, 30_000),
                ms(conf, QemuConfKeys.MONITOR_COMMAND_TIMEOUT, 30_000),
                ms(conf, QemuConfKeys.UNPLUG_TIMEOUT, 5_000),
                ms(conf, QemuConfKeys.DESTROY_GRACE, 10_000),
                ms(conf, QemuConfKeys.DESTROY_TIMEOUT, 40_000),
                ms(conf, QemuConfKeys.GRACEFUL_DESTROY_TIMEOUT, 15_000),
                true,
                limit(conf, QemuConfKeys.MAX_PROCESSES),
                limit(conf, QemuConfKeys.MAX_FILES),
                limit(conf, QemuConfKeys.MAX_THREADS_PER_PROCESS),
                deviceAcl(conf),
                conf.getString(QemuConfKeys.USER, user),
                conf.getString(QemuConfKeys.GROUP, group));
    }

    /**
     * The settings of the qemu.conf text {@code conf} with every directory below {@code root} and
     * the cgroups under {@code partition} (tests and benchmarks on a real host).
     */
    public static QemuSettings under(Path root, String partition, String conf) {
        return from(ConfFile.parse(String.format("config_dir = \"%s/etc\"%nstate_dir = \"%s/run\"%n"
                + "log_dir = \"%s/log\"%ncgroup_partition = \"/%s\"%n", root, root, root, partition) + conf,
                "<" + root + ">"));
    }

    /** max_processes / max_files / max_threads_per_process: 0 (the default) means no limit of jvirt's. */
    private static long limit(ConfFile conf, String key) {
        long v = conf.getLong(key, 0);
        if (v < 0) {
            throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.QEMU, "%s: %s must be 0 (unchanged) or a "
                    + "positive limit, not %d", conf.fileName(), key, v);
        }
        return v;
    }

    /** cgroup_device_acl: absolute paths of device nodes. */
    private static List<Path> deviceAcl(ConfFile conf) {
        List<String> paths = conf.getStringList(QemuConfKeys.CGROUP_DEVICE_ACL, null);
        if (paths == null) {
            return DEFAULT_DEVICE_ACL;
        }
        for (String p : paths) {
            if (!p.startsWith("/")) {
                throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.QEMU, "%s: cgroup_device_acl: '%s' is not "
                        + "an absolute path of a device node (e.g. \"/dev/kvm\")", conf.fileName(), p);
            }
        }
        return paths(paths);
    }

    // a loop, not a stream: qemu:///system reads its settings in every one-shot command
    private static List<Path> paths(List<String> names) {
        List<Path> out = new ArrayList<>(names.size());
        for (String name : names) {
            out.add(Path.of(name));
        }
        return List.copyOf(out);
    }

    private static Duration ms(ConfFile conf, String key, long def) {
        long v = conf.getLong(key, def);
        if (v <= 0) {
            throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.QEMU, "%s: %s must be a positive number of "
                    + "milliseconds, not %d", conf.fileName(), key, v);
        }
        return Duration.ofMillis(v);
    }
}
