package org.jvirt.cli.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every command by name; a duplicate name is a programming error caught at start. */
public final class CommandRegistry {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();

    public CommandRegistry(Collection<? extends CommandProvider> providers) {
        for (CommandProvider f : providers) {
            for (CommandSpec c : f.commands()) {
                if (byName.putIfAbsent(c.name(), c) != null) {
                    throw new IllegalStateException("duplicate command " + c.name());
                }
            }
        }
    }

    public Optional<CommandSpec> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<CommandSpec> all() {
        return List.copyOf(byName.values());
    }

    /** The commands of a group that help lists (not the hidden ones), sorted by name. */
    public List<CommandSpec> group(CommandGroup group) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec c : byName.values()) {
            if (c.group() == group && !c.hidden()) {
                out.add(c);
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }
}
