package org.jvirt.cli.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every command by name; a duplicate name is a programming error caught at start. A provider's
 * commands are built when one of them is first asked for (a one-shot command builds its own
 * provider's only); a provider whose commands differ from the names it declared fails then.
 */
public final class CommandRegistry {
    private final Map<String, CommandProvider> providerOf = new LinkedHashMap<>();
    private final Map<CommandProvider, Map<String, CommandSpec>> built = new HashMap<>();

    public CommandRegistry(Collection<? extends CommandProvider> providers) {
        for (CommandProvider p : providers) {
            for (String name : p.names()) {
                if (providerOf.putIfAbsent(name, p) != null) {
                    throw new IllegalStateException("duplicate command " + name);
                }
            }
        }
    }

    public Optional<CommandSpec> find(String name) {
        CommandProvider p = providerOf.get(name);
        return p == null ? Optional.empty() : Optional.of(commandsOf(p).get(name));
    }

    /** Every command, in the order the providers declared them. */
    public List<CommandSpec> all() {
        List<CommandSpec> out = new ArrayList<>();
        for (Map.Entry<String, CommandProvider> e : providerOf.entrySet()) {
            out.add(commandsOf(e.getValue()).get(e.getKey()));
        }
        return List.copyOf(out);
    }

    /** The commands of a group that help lists (not the hidden ones), sorted by name. */
    public List<CommandSpec> group(CommandGroup group) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec c : all()) {
            if (c.group() == group && !c.hidden()) {
                out.add(c);
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private synchronized Map<String, CommandSpec> commandsOf(CommandProvider p) {
        Map<String, CommandSpec> commands = built.get(p);
        if (commands == null) {
            commands = build(p);
            built.put(p, commands);
        }
        return commands;
    }

    private static Map<String, CommandSpec> build(CommandProvider p) {
        Map<String, CommandSpec> byName = new LinkedHashMap<>();
        for (CommandSpec c : p.commands()) {
            byName.put(c.name(), c);
        }
        if (!byName.keySet().equals(Set.copyOf(p.names()))) {
            throw new IllegalStateException(p.getClass().getName() + " declares the commands " + p.names()
                    + " but builds " + byName.keySet());
        }
        return byName;
    }
}
