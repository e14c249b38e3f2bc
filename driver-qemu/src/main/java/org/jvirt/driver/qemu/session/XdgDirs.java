package org.jvirt.driver.qemu.session;

import java.nio.file.Path;
import java.util.Optional;

import org.jvirt.spi.Environment;

/**
 * A user's base directories (XDG Base Directory specification), as libvirt 9.0's session takes
 * them through GLib: {@code $XDG_CONFIG_HOME} else {@code ~/.config}, {@code $XDG_CACHE_HOME}
 * else {@code ~/.cache}, {@code $XDG_STATE_HOME} else {@code ~/.local/state}, and
 * {@code $XDG_RUNTIME_DIR} else the cache directory (GLib's fallback: libvirt's session then keeps
 * its sockets in {@code ~/.cache/libvirt}, observed). A value that is not an absolute path is
 * ignored, as the specification asks (libvirt 9.0 fails to connect with a relative one).
 */
public record XdgDirs(Path configHome, Path cacheHome, Path stateHome, Path runtimeDir) {
    public static final String CONFIG_HOME = "XDG_CONFIG_HOME";
    public static final String CACHE_HOME = "XDG_CACHE_HOME";
    public static final String STATE_HOME = "XDG_STATE_HOME";
    public static final String RUNTIME_DIR = "XDG_RUNTIME_DIR";

    /** The directories of the user whose home is {@code home}, as {@code vars} set them. */
    public static XdgDirs of(Environment vars, Path home) {
        Path cache = absolute(vars, CACHE_HOME).orElse(home.resolve(".cache"));
        return new XdgDirs(absolute(vars, CONFIG_HOME).orElse(home.resolve(".config")), cache,
                absolute(vars, STATE_HOME).orElse(home.resolve(".local/state")),
                absolute(vars, RUNTIME_DIR).orElse(cache));
    }

    private static Optional<Path> absolute(Environment vars, String name) {
        return vars.get(name).filter(v -> v.startsWith("/")).map(Path::of);
    }
}
