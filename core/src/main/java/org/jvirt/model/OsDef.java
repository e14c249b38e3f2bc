package org.jvirt.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <os>}: how the guest boots. VMs use loader/nvram/kernel/initrd/cmdline/boot; containers
 * ({@code <type>exe</type>}) use init, initarg, initenv, initdir and inituser.
 *
 * @param bootDevices {@code <boot dev>} in order (hd, cdrom, network, fd)
 */
public record OsDef(OsType type, Optional<Loader> loader, Optional<Nvram> nvram, Optional<String> kernel,
                    Optional<String> initrd, Optional<String> cmdline, List<String> bootDevices,
                    Optional<String> init, List<String> initArgs, List<InitEnv> initEnv,
                    Optional<String> initDir, Optional<String> initUser, Extras extras) {
    public OsDef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(nvram, "nvram");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
        Objects.requireNonNull(cmdline, "cmdline");
        bootDevices = List.copyOf(bootDevices);
        Objects.requireNonNull(init, "init");
        initArgs = List.copyOf(initArgs);
        initEnv = List.copyOf(initEnv);
        Objects.requireNonNull(initDir, "initDir");
        Objects.requireNonNull(initUser, "initUser");
        Objects.requireNonNull(extras, "extras");
    }

    /** A bare {@code <os><type>NAME</type></os>}. */
    public static OsDef of(String typeName) {
        return new OsDef(new OsType(typeName, Optional.empty(), Optional.empty(), Extras.NONE), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                List.of(), List.of(), Optional.empty(), Optional.empty(), Extras.NONE);
    }

    public boolean isContainer() {
        return type.name().equals("exe");
    }

    public OsDef withType(OsType value) {
        return new OsDef(value, loader, nvram, kernel, initrd, cmdline, bootDevices, init, initArgs, initEnv, initDir,
                initUser, extras);
    }

    public OsDef withBootDevices(List<String> value) {
        return new OsDef(type, loader, nvram, kernel, initrd, cmdline, value, init, initArgs, initEnv, initDir,
                initUser, extras);
    }

    /** {@code <type arch machine>NAME</type>}: hvm, xen, linux, exe, ... */
    public record OsType(String name, Optional<String> arch, Optional<String> machine, Extras extras) {
        public OsType withArch(String value) {
            return new OsType(name, Optional.of(value), machine, extras);
        }

        public OsType {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arch, "arch");
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** {@code <loader readonly secure type>PATH</loader>}. */
    public record Loader(Optional<String> path, Optional<Boolean> readonly, Optional<Boolean> secure,
                         Optional<String> type, Extras extras) {
        public Loader {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(readonly, "readonly");
            Objects.requireNonNull(secure, "secure");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** {@code <nvram template>PATH</nvram>}. */
    public record Nvram(Optional<String> template, Optional<String> path, Extras extras) {
        public Nvram {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(extras, "extras");
        }
    }

    /** {@code <initenv name='NAME'>VALUE</initenv>}. */
    public record InitEnv(String name, String value) {
        public InitEnv {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
