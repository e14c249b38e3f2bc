package org.jvirt.driver.lxc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Filesystem;
import org.jvirt.model.NetInterface;
import org.jvirt.model.OpaqueNode;
import org.jvirt.model.OsDef;

/**
 * Checks what a container's start needs from its definition and the file system (root, init,
 * ids) and turns it into a {@link InitSpec}. Reads only below the container's root.
 */
public final class InitPlanner {
    /** libvirt's default when {@code <init>} is absent. */
    public static final String DEFAULT_INIT = "/sbin/init";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private InitPlanner() {
    }

    /**
     * Where stage 2 and the driver meet for one container start: the script, the container's own
     * run directory {@code NAME.d/} (which a container in a user namespace owns) and the FIFO.
     */
    public record RunFiles(Path stage2, Path dir, Path goFifo) {
        /** The empty directory where the root is assembled. */
        public Path stage() {
            return dir.resolve("root");
        }

        /** The contents of the container's new /dev, copied in by stage 2. */
        public Path devTemplate() {
            return dir.resolve("dev");
        }

        /** Gets a line once PID 1's last shell runs (before that, it may still be loading from the host). */
        public Path readyFile() {
            return dir.resolve("ready");
        }

        /** The fstab of the mounts before /dev is filled. */
        public Path earlyMounts() {
            return dir.resolve("mounts.early");
        }

        /** The fstab of the mounts after. */
        public Path lateMounts() {
            return dir.resolve("mounts.late");
        }
    }

    public static InitSpec plan(DomainDef def, String unshare, String setpriv, RunFiles files) {
        checkSupported(def);
        Path root = rootSource(def);
        if (!Files.isDirectory(root)) {
            throw fail("filesystem: the container root '%s' is not a directory", root);
        }
        boolean readonly = rootReadonly(def);
        if (readonly) {
            for (String d : List.of("proc", "sys", "dev")) {
                if (!Files.isDirectory(root.resolve(d))) {
                    throw fail("filesystem: the read-only container root '%s' has no /%s directory to mount on", root,
                            d);
                }
            }
        }
        OsDef os = def.os();
        String init = os.init().orElse(DEFAULT_INIT);
        checkText("init", init);
        if (!init.startsWith("/")) {
            throw fail("init: '%s' must be an absolute path inside the container", init);
        }
        Optional<Path> resolved = RootPaths.resolve(root, init);
        if (resolved.isEmpty() || !Files.exists(resolved.get())) {
            throw fail("init: '%s' does not exist inside the container root '%s'", init, root);
        }
        if (!Files.isRegularFile(resolved.get()) || !Files.isExecutable(resolved.get())) {
            throw fail("init: '%s' (inside the container root '%s') is not an executable file", init, root);
        }
        for (String a : os.initArgs()) {
            checkText("initarg", a);
            if (a.isEmpty()) {
                throw fail("initarg: an <initarg> must not be empty");
            }
        }
        List<InitSpec.EnvVar> env = new ArrayList<>();
        for (OsDef.InitEnv e : os.initEnv()) {
            if (!ENV_NAME.matcher(e.name()).matches()) {
                throw fail("initenv: name '%s' is not a valid variable name (letters, digits, '_'; "
                        + "not starting with a digit)", e.name());
            }
            checkText("initenv " + e.name(), e.value());
            if (e.value().isEmpty()) {
                throw fail("initenv: the value of '%s' must not be empty", e.name());
            }
            env.add(new InitSpec.EnvVar(e.name(), e.value()));
        }
        String dir = os.initDir().orElse("/");
        checkText("initdir", dir);
        if (!dir.startsWith("/")) {
            throw fail("initdir: '%s' must be an absolute path inside the container", dir);
        }
        OptionalInt uid = OptionalInt.empty();
        OptionalInt gid = OptionalInt.empty();
        if (os.initUser().isPresent()) {
            UserIds.User u = UserIds.user(root, os.initUser().get());
            uid = OptionalInt.of(u.uid());
            gid = u.gid();
        }
        Optional<String> group = initGroup(os);
        if (group.isPresent()) {
            gid = OptionalInt.of(UserIds.group(root, group.get()));
        }
        boolean user = IdMap.of(def).isPresent();
        if (user && uid.isEmpty()) {
            uid = OptionalInt.of(0); // become the namespace's root once the maps exist
            gid = gid.isPresent() ? gid : OptionalInt.of(0);
        }
        return new InitSpec(unshare, setpriv, def.name(), def.uuid(), root, readonly, files, privateNetwork(def), user,
                init, os.initArgs(), env, dir, uid, gid, os.cmdline(), CapabilityPolicy.of(def).boundingSet(),
                LxcFilesystems.mounts(def, root, readonly, files.stage()));
    }

    /** The host directory that becomes the container's {@code /}: its root filesystem, else {@code /}. */
    public static Path rootSource(DomainDef def) {
        return rootFilesystem(def).flatMap(Filesystem::sourceDir).map(Path::of).orElse(Path.of("/"));
    }

    private static boolean rootReadonly(DomainDef def) {
        return rootFilesystem(def).map(Filesystem::readonly).orElse(false);
    }

    /** The {@code <filesystem>} with target {@code /}, if any. */
    public static Optional<Filesystem> rootFilesystem(DomainDef def) {
        return def.devices().of(Filesystem.class).stream().filter(f -> isRoot(f.targetDir())).findFirst();
    }

    static boolean isRoot(String target) {
        return target.equals("/") || target.matches("/+");
    }

    /** A private network namespace: interfaces or {@code <features><privnet/>}
     * (docs/lxc.md#a-container-definition). */
    public static boolean privateNetwork(DomainDef def) {
        return !def.devices().of(NetInterface.class).isEmpty()
                || def.features().map(f -> f.has("privnet")).orElse(false);
    }

    /**
     * Refuses what this driver cannot set up, from the definition alone (checked at start, so such
     * definitions can still be stored; the capability policy is checked at define too): filesystems
     * ({@link LxcFilesystems}), the capability policy, host devices.
     */
    public static void checkSupported(DomainDef def) {
        LxcFilesystems.check(def);
        CapabilityPolicy.of(def);
        if (!def.devices().extras().elements("hostdev").isEmpty()) {
            throw fail("hostdev: host devices are not supported for containers (jvirt gives a container only its "
                    + "own /dev, see docs/lxc.md)");
        }
    }

    private static Optional<String> initGroup(OsDef os) {
        for (OpaqueNode.Element e : os.extras().elements("initgroup")) {
            StringBuilder text = new StringBuilder();
            for (OpaqueNode n : e.content()) {
                if (n instanceof OpaqueNode.Text t) {
                    text.append(t.text());
                }
            }
            return Optional.of(text.toString().strip());
        }
        return Optional.empty();
    }

    private static void checkText(String where, String value) {
        if (value.indexOf('\0') >= 0) {
            throw fail("%s: the value contains a NUL character", where);
        }
    }

    private static VirtException fail(String format, Object... args) {
        return VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC, format, args);
    }
}
