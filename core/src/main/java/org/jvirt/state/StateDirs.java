package org.jvirt.state;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * Where a real driver keeps its files (ARCHITECTURE.md "State on disk").
 * <pre>
 *                system (root)           session
 * configDir      /etc/jvirt/DRIVER       $XDG_CONFIG_HOME/jvirt/DRIVER   (~/.config)
 * runDir (0700)  /run/jvirt/DRIVER       $XDG_RUNTIME_DIR/jvirt/DRIVER   (else $XDG_CACHE_HOME/jvirt/run/DRIVER)
 * logDir         /var/log/jvirt/DRIVER   $XDG_STATE_HOME/jvirt/log/DRIVER (~/.local/state)
 * </pre>
 * The conf keys {@code config_dir}, {@code state_dir} and {@code log_dir} (qemu.conf, lxc.conf)
 * override each default.
 */
public record StateDirs(Path configDir, Path runDir, Path logDir) {
    /** The system directories of {@code driver} ("qemu", "lxc"). */
    public static StateDirs system(String driver) {
        checkDriver(driver);
        return new StateDirs(Path.of("/etc/jvirt", driver), Path.of("/run/jvirt", driver), Path.of("/var/log/jvirt", driver));
    }

    /** The session directories of {@code driver} from the XDG variables in {@code env} and {@code home}. */
    public static StateDirs session(String driver, Map<String, String> env, Path home) {
        checkDriver(driver);
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("jvirt").resolve(driver);
        Path cache = xdg(env, "XDG_CACHE_HOME", home.resolve(".cache"));
        Path run = Optional.ofNullable(env.get("XDG_RUNTIME_DIR")).filter(s -> s.startsWith("/")).map(Path::of)
                .map(p -> p.resolve("jvirt")).orElse(cache.resolve("jvirt").resolve("run")).resolve(driver);
        Path log = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("jvirt/log").resolve(driver);
        return new StateDirs(config, run, log);
    }

    /**
     * The system or session defaults with the conf values applied: {@code configDir},
     * {@code stateDir}, {@code logDir} are the values of config_dir, state_dir, log_dir (empty
     * when not set).
     */
    public StateDirs withOverrides(Optional<String> configDir, Optional<String> stateDir, Optional<String> logDir) {
        return new StateDirs(configDir.map(s -> absolute(s, "config_dir")).orElse(this.configDir),
                stateDir.map(s -> absolute(s, "state_dir")).orElse(this.runDir),
                logDir.map(s -> absolute(s, "log_dir")).orElse(this.logDir));
    }

    /**
     * The directories of {@code driver} from its conf file: the system defaults when
     * {@code system} (root), else the session ones, then config_dir, state_dir and log_dir.
     */
    public static StateDirs fromConf(String driver, boolean system, org.jvirt.conf.ConfFile conf,
            Map<String, String> env, Path home) {
        StateDirs base = system ? system(driver) : session(driver, env, home);
        return base.withOverrides(conf.findString(org.jvirt.conf.QemuConfKeys.CONFIG_DIR),
                conf.findString(org.jvirt.conf.QemuConfKeys.STATE_DIR), conf.findString(org.jvirt.conf.QemuConfKeys.LOG_DIR));
    }

    /** The log file of domain {@code name}. */
    public Path logFile(String name) {
        return logDir.resolve(FileNames.component(name, ".log"));
    }

    private static Path xdg(Map<String, String> env, String key, Path fallback) {
        String v = env.get(key);
        // the XDG spec: relative paths are invalid and must be ignored
        return v != null && v.startsWith("/") ? Path.of(v) : fallback;
    }

    private static Path absolute(String value, String key) {
        if (!value.startsWith("/")) {
            throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                    "%s = \"%s\": an absolute path is required", key, value);
        }
        return Path.of(value);
    }

    private static void checkDriver(String driver) {
        if (driver == null || !driver.matches("[a-z][a-z0-9]*")) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "invalid driver name '%s'", driver);
        }
    }
}
