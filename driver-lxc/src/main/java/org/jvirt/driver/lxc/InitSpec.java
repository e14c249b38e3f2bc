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
 * @param rootSource the host directory that becomes {@code /} ({@code /} itself when the host
 *                   root is shared)
 * @param stage      an empty directory of the run dir where stage 2 assembles the root
 * @param goFifo     the FIFO stage 2 blocks on until its cgroup is set
 * @param readyFile  created by stage 2 right before it executes init
 * @param net        a private network namespace (interfaces or {@code <privnet/>})
 * @param user       a user namespace ({@code <idmap>}); its maps are written by the driver
 * @param uid        {@code <inituser>} resolved, if any
 * @param gid        {@code <initgroup>} (or the init user's group) resolved, if any
 */
public record InitSpec(String unshare, Path stage2, String name, UUID uuid, Path rootSource, boolean readonly,
                         Path stage, Path goFifo, Path readyFile, boolean net, boolean user, String init,
                         List<String> initArgs, List<EnvVar> initEnv, String initDir, OptionalInt uid,
                         OptionalInt gid, Optional<String> cmdline) {
    public InitSpec {
        Objects.requireNonNull(unshare, "unshare");
        Objects.requireNonNull(stage2, "stage2");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(rootSource, "rootSource");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(goFifo, "goFifo");
        Objects.requireNonNull(readyFile, "readyFile");
        Objects.requireNonNull(init, "init");
        initArgs = List.copyOf(initArgs);
        initEnv = List.copyOf(initEnv);
        Objects.requireNonNull(initDir, "initDir");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(cmdline, "cmdline");
    }

    /** One {@code <initenv>} variable. */
    public record EnvVar(String name, String value) {
        public EnvVar {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
