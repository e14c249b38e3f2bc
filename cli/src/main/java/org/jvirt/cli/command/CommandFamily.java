package org.jvirt.cli.command;

import java.util.List;

/** A group of related commands (one object family of virsh), contributed to the registry. */
public interface CommandFamily {
    List<CommandSpec> commands();
}
