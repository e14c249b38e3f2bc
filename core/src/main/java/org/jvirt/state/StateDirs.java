package org.jvirt.state;

import java.nio.file.Path;
import java.util.Optional;

import org.jvirt.conf.ConfFile;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * Where a real driver keeps its files: {@code /etc/jvirt/DRIVER} (definitions),
 * {@code /run/jvirt/DRIVER} (status files, sockets, locks) and {@code /var/log/jvirt/DRIVER}
 * (one log per domain), unless the driver's conf file says otherwise with {@code config_dir},
 * {@code state_dir} and {@code log_dir} (absolute paths).
 */
public record StateDirs(Path configDir, Path runDir, Path logDir) {
    /** The conf keys that override the defaults (qemu.conf and lxc.conf name them alike). */
    public static final String CONFIG_DIR = "config_dir";
    public static final String STATE_DIR = "state_dir";
    public static final String LOG_DIR = "log_dir";

    /** The system directories of {@code driver} ("qemu", "lxc"). */
    public static StateDirs system(String driver) {
        if (!isDriverName(driver)) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "invalid driver name '%s'", driver);
        }
        return new StateDirs(Path.of("/etc/jvirt", driver), Path.of("/run/jvirt", driver), Path.of("/var/log/jvirt", driver));
    }

    /**
     * {@code [a-z][a-z0-9]*}, checked by hand: on JDK 17 java.util.regex's first pattern links the
     * JDK's method handles (its character classes are lambdas), which a driver's start need not pay.
     */
    static boolean isDriverName(String driver) {
        if (driver == null || driver.isEmpty()) {
            return false;
        }
        for (int i = 0; i < driver.length(); i++) {
            char c = driver.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The directories of {@code driver} as its conf file {@code conf} sets them: the system
     * defaults, each replaced by config_dir, state_dir or log_dir when set.
     *
     * @throws VirtException CONF_SYNTAX for a value that is not an absolute path
     */
    public static StateDirs fromConf(String driver, ConfFile conf) {
        return fromConf(system(driver), conf);
    }

    /**
     * {@code defaults} (a session's per-user directories, say), each replaced by config_dir,
     * state_dir or log_dir of {@code conf} when set.
     *
     * @throws VirtException CONF_SYNTAX for a value that is not an absolute path
     */
    public static StateDirs fromConf(StateDirs defaults, ConfFile conf) {
        StateDirs d = defaults;
        StateDirs set = new StateDirs(dir(conf, CONFIG_DIR).orElse(d.configDir), dir(conf, STATE_DIR).orElse(d.runDir),
                dir(conf, LOG_DIR).orElse(d.logDir));
        if (set.configDir.normalize().equals(set.runDir.normalize())) {
            // NAME.status.xml of domain NAME would be the definition of a domain called NAME.status
            throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                    "%s: %s and %s must be different directories (both are %s)", conf.fileName(), CONFIG_DIR,
                    STATE_DIR, set.configDir);
        }
        return set;
    }

    private static Optional<Path> dir(ConfFile conf, String key) {
        Optional<String> v = conf.findString(key);
        if (v.isPresent() && !v.get().startsWith("/")) {
            throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, "%s: %s '%s' must be an absolute path",
                    conf.fileName(), key, v.get());
        }
        return v.isPresent() ? Optional.of(Path.of(v.get())) : Optional.empty(); // no lambda: see isDriverName
    }
}
