package org.jvirt.conf;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link ConfLoader} looks for a conf file, in order: {@code userDir} (from
 * {@code $JVIRT_CONF_DIR}), then {@code systemDir} ({@code /etc/jvirt} under the root), then the
 * defaults shipped inside the jar.
 *
 * <p>Built from an environment map and a root directory so that tests use temp dirs and never
 * the real environment.
 */
public record ConfLocations(Optional<Path> userDir, Path systemDir) {
    /** The environment variable naming a directory searched before {@code /etc/jvirt}. */
    public static final String ENV_CONF_DIR = "JVIRT_CONF_DIR";

    public ConfLocations {
        Objects.requireNonNull(userDir, "userDir");
        Objects.requireNonNull(systemDir, "systemDir");
    }

    /**
     * {@code $JVIRT_CONF_DIR} from {@code env} (ignored when unset or blank; a relative value is
     * relative to the working directory, as a shell user would expect) and
     * {@code ROOT/etc/jvirt}.
     */
    public static ConfLocations of(Map<String, String> env, Path root) {
        return of(Optional.ofNullable(env.get(ENV_CONF_DIR)), root);
    }

    /** {@code confDir}, the value of {@code $JVIRT_CONF_DIR} when set, as {@link #of(Map, Path)} takes it. */
    public static ConfLocations of(Optional<String> confDir, Path root) {
        String dir = confDir.orElse(null);
        Optional<Path> user = Optional.empty();
        if (dir != null && !dir.isBlank()) {
            try {
                user = Optional.of(Path.of(dir));
            } catch (InvalidPathException e) {
                throw new ConfException(ENV_CONF_DIR, 0, 0, "not a usable directory name: " + e.getMessage(), e);
            }
        }
        return new ConfLocations(user, root.resolve("etc").resolve("jvirt"));
    }

    /** The real process environment and the real root: for production wiring only. */
    public static ConfLocations system() {
        return of(System.getenv(), Path.of("/"));
    }
}
