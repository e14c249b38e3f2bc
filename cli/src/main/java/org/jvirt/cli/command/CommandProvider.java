package org.jvirt.cli.command;

import java.util.List;

/**
 * A class of related commands, contributed to the {@link CommandRegistry}. Which heading of
 * {@code help} lists a command is its own {@link CommandGroup}, not its provider.
 */
public interface CommandProvider {
    /**
     * The names of the commands of {@link #commands()}, known without building them: a one-shot
     * command then builds only its own provider's commands (each with its options and handler),
     * not every command jvirsh has.
     */
    List<String> names();

    List<CommandSpec> commands();
}
