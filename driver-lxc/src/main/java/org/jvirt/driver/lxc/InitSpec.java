package org.jvirt.driver.lxc;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Everything {@link InitCommand} needs to build the command line and environment of a
 * container's start, already checked ({@link InitPlanner}).
 *
 * @param setpriv     util-linux setpriv(1): the last step takes init's ids and capabilities with it
 * @param rootSource  the host directory that becomes {@code /} ({@code /} itself when the host
 *                    root is shared)
 * @param files       where stage 2 and the driver meet for this start
 * @param net         a private network namespace (interfaces or {@code <privnet/>})
 * @param user        a user namespace ({@code <idmap>}); its maps are written by the driver
 * @param uid         {@code <inituser>} resolved, if any
 * @param gid         {@code <initgroup>} (or the init user's group) resolved, if any
 * @param boundingSet the capabilities init keeps, in setpriv's syntax ({@link CapabilityPolicy});
 *                    empty when it keeps all
 * @param filesystems the mounts of the definition's other filesystems ({@link LxcFilesystems})
 */
public record InitSpec(String unshare, String setpriv, String name, UUID uuid, Path rootSource, boolean readonly,
                       InitPlanner.RunFiles files, boolean net, boolean user, String init, List<String> initArgs,
                       List<EnvVar> initEnv, String initDir, OptionalInt uid, OptionalInt gid,
                       Optional<String> cmdline, Optional<String> boundingSet, List<MountEntry> filesystems) {
    public InitSpec {
        Objects.requireNonNull(unshare, "unshare");
        Objects.requireNonNull(setpriv, "setpriv");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(rootSource, "rootSource");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(init, "init");
        initArgs = List.copyOf(initArgs);
        initEnv = List.copyOf(initEnv);
        Objects.requireNonNull(initDir, "initDir");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(cmdline, "cmdline");
        Objects.requireNonNull(boundingSet, "boundingSet");
        filesystems = List.copyOf(filesystems);
    }

    /** The stage-2 script. */
    public Path stage2() {
        return files.stage2();
    }

    /** The empty directory where stage 2 assembles the root. */
    public Path stage() {
        return files.stage();
    }

    /** The FIFO stage 2 blocks on, first until its cgroup is set, then until its root is in place. */
    public Path goFifo() {
        return files.goFifo();
    }

    /** One {@code <initenv>} variable. */
    public record EnvVar(String name, String value) {
        public EnvVar {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
