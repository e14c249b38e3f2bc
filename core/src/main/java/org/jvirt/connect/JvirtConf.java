package org.jvirt.connect;

import org.jvirt.spi.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.conf.ConfException;
import org.jvirt.conf.ConfFile;
import org.jvirt.conf.ConfLoader;
import org.jvirt.conf.ConfLocations;
import org.jvirt.conf.JvirtConfKeys;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.spi.DriverContext;

/**
 * What jvirt.conf says about connections: {@code uri_default}, {@code uri_aliases}, whether
 * they go through jvirtd ({@code jvirtd}, {@code jvirtd_uris}, {@code jvirtd_socket[_ro]}), and
 * {@code job_wait_timeout} (how long a job waits for another one on the same domain).
 */
public record JvirtConf(Optional<String> uriDefault, Map<String, String> aliases, String jvirtd,
                        List<String> jvirtdUris, Path jvirtdSocket, Path jvirtdSocketRo, Duration jobWait) {
    public JvirtConf {
        aliases = Map.copyOf(aliases);
        jvirtdUris = List.copyOf(jvirtdUris);
    }

    /** Loads jvirt.conf from {@code $JVIRT_CONF_DIR}, then {@code ROOT/etc/jvirt}, then the built-in file. */
    public static JvirtConf load(Environment env, Path root) {
        try {
            ConfFile file = new ConfLoader(ConfLocations.of(env.get(ConfLocations.ENV_CONF_DIR), root))
                    .load(JvirtConfKeys.FILE);
            file.check(JvirtConfKeys.SCHEMA);
            Map<String, String> aliases = new LinkedHashMap<>();
            for (String entry : file.getStringList(JvirtConfKeys.URI_ALIASES, List.of())) {
                int eq = entry.indexOf('=');
                if (eq <= 0 || eq == entry.length() - 1) {
                    throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                            "jvirt.conf: uri_aliases entry '%s' must look like NAME=URI", entry);
                }
                aliases.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
            }
            long waitMs = file.getLong(JvirtConfKeys.JOB_WAIT_TIMEOUT, DriverContext.DEFAULT_JOB_WAIT.toMillis());
            if (waitMs < 0) {
                throw VirtException.of(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF,
                        "jvirt.conf: job_wait_timeout must be 0 or more milliseconds, not %d", waitMs);
            }
            return new JvirtConf(file.findString(JvirtConfKeys.URI_DEFAULT), aliases,
                    file.getString(JvirtConfKeys.JVIRTD, "auto"),
                    file.getStringList(JvirtConfKeys.JVIRTD_URIS, List.of("qemu:///system", "lxc:///system")),
                    Path.of(file.getString(JvirtConfKeys.JVIRTD_SOCKET, "/run/jvirt/jvirtd-sock")),
                    Path.of(file.getString(JvirtConfKeys.JVIRTD_SOCKET_RO, "/run/jvirt/jvirtd-sock-ro")),
                    Duration.ofMillis(waitMs));
        } catch (ConfException e) {
            throw new VirtException(ErrorCode.CONF_SYNTAX, ErrorDomain.CONF, e.getMessage(), e);
        }
    }
}
