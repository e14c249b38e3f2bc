package org.jvirt.driver.qemu.command;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.model.CpuSet;

/**
 * Settings of a command line that come from outside the domain definition.
 *
 * @param setProcessName qemu.conf {@code set_process_name}: adds {@code process=qemu:NAME}
 * @param numadNodes     numad's node set for {@code <numatune><memory placement='auto'>}
 * @param sandbox        whether to add {@code -sandbox on,...} (always, except for tests of
 *                       hosts without seccomp)
 */
public record CommandOptions(boolean setProcessName, Optional<CpuSet> numadNodes, boolean sandbox) {
    public static final CommandOptions DEFAULT = new CommandOptions(false, Optional.empty(), true);

    public CommandOptions {
        Objects.requireNonNull(numadNodes, "numadNodes");
    }
}
