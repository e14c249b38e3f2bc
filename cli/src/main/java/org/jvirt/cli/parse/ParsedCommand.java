package org.jvirt.cli.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's words bound to its options: values by option name, flags that were given, argv. */
public record ParsedCommand(String name, Map<String, String> values, Set<String> flags, List<String> argv) {
    public ParsedCommand {
        values = Map.copyOf(values);
        flags = Set.copyOf(flags);
        argv = List.copyOf(argv);
    }

    public boolean flag(String option) {
        return flags.contains(option);
    }

    public Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    /** Whether the option was given at all (as a flag or with a value). */
    public boolean has(String option) {
        return flags.contains(option) || values.containsKey(option);
    }
}
