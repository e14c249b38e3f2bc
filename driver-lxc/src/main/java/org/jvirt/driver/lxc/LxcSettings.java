package org.jvirt.driver.lxc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jvirt.conf.ConfException;
import org.jvirt.conf.ConfFile;
import org.jvirt.conf.LxcConfKeys;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.linux.cgroup.CgroupController;
import org.jvirt.state.StateDirs;

/**
 * The settings of {@code lxc.conf} with their documented defaults.
 *
 * @param stage2 an explicitly configured stage-2 script; empty = the copy jvirt installs into
 *               {@code stateDir}
 */
public record LxcSettings(Path configDir, Path stateDir, Path logDir, String unshare, String nsenter,
                          Optional<Path> stage2, Set<CgroupController> cgroupControllers, String cgroupPartition,
                          String numad, Duration numadTimeout, Duration initTimeout, Duration shutdownTimeout,
                          Duration destroyTimeout) {
    /** cgroup_controllers' default: what containers are limited, accounted or frozen by. */
    public static final Set<CgroupController> DEFAULT_CGROUP_CONTROLLERS = Set.copyOf(EnumSet.of(CgroupController.CPU,
            CgroupController.CPUACCT, CgroupController.CPUSET, CgroupController.MEMORY, CgroupController.DEVICES,
            CgroupController.FREEZER, CgroupController.PIDS));

    public LxcSettings {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(unshare, "unshare");
        Objects.requireNonNull(nsenter, "nsenter");
        Objects.requireNonNull(stage2, "stage2");
        cgroupControllers = Set.copyOf(cgroupControllers);
        Objects.requireNonNull(cgroupPartition, "cgroupPartition");
        Objects.requireNonNull(numad, "numad");
    }

    /** The settings of a parsed lxc.conf; unknown keys and wrong types are CONF_SYNTAX errors. */
    public static LxcSettings of(ConfFile f) {
        try {
            f.check(LxcConfKeys.SCHEMA);
            Set<CgroupController> controllers = f.contains(LxcConfKeys.CGROUP_CONTROLLERS)
                    ? CgroupController.parseList(f.getStringList(LxcConfKeys.CGROUP_CONTROLLERS, List.of()), f.fileName())
                    : DEFAULT_CGROUP_CONTROLLERS;
            String partition = f.getString(LxcConfKeys.CGROUP_PARTITION, "/machine");
            if (!partition.startsWith("/") || partition.contains("..")) {
                throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                        "%s: cgroup_partition '%s' must be an absolute cgroup path without '..'", f.fileName(),
                        partition);
            }
            StateDirs dirs = StateDirs.fromConf("lxc", f);
            return new LxcSettings(dirs.configDir(), dirs.runDir(), dirs.logDir(),
                    f.getString(LxcConfKeys.UNSHARE, "/usr/bin/unshare"),
                    f.getString(LxcConfKeys.NSENTER, "/usr/bin/nsenter"),
                    stage2(f),
                    controllers, partition,
                    f.getString(LxcConfKeys.NUMAD, "/usr/bin/numad"),
                    millis(f, LxcConfKeys.NUMAD_TIMEOUT, 30_000),
                    millis(f, LxcConfKeys.INIT_TIMEOUT, 5_000),
                    millis(f, LxcConfKeys.SHUTDOWN_TIMEOUT, 30_000),
                    millis(f, LxcConfKeys.DESTROY_TIMEOUT, 3_000));
        } catch (ConfException e) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, e.getMessage(), e);
        }
    }

    /** stage2's path when set (without a method reference: every lxc:///system connection reads it, see LxcKernel). */
    private static Optional<Path> stage2(ConfFile f) {
        Optional<String> v = f.findString(LxcConfKeys.STAGE2);
        return v.isPresent() ? Optional.of(Path.of(v.get())) : Optional.empty();
    }

    private static Duration millis(ConfFile f, String key, int def) {
        int v = f.getInt(key, def);
        if (v <= 0) {
            throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, "%s: %s must be a positive number "
                    + "of milliseconds, got %d", f.fileName(), key, v);
        }
        return Duration.ofMillis(v);
    }
}
