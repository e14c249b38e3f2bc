package org.jvirt.cli.command;

import java.util.List;

/**
 * A class of related commands, contributed to the {@link CommandRegistry}. Which heading of
 * {@code help} lists a command is its own {@link CommandGroup}, not its provider.
 */
public interface CommandProvider {
    List<CommandSpec> commands();
}
