package org.jvirt.cli.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.parse.OptionSpec;

/**
 * What Tab offers for the word being typed, for the interactive shell and for bash (through
 * the {@code complete} command): a command name first; then the command's options not given
 * yet, and the values of the option being filled (the value after {@code --name}, or the next
 * bare value's option): domain names for a domain, the command's fixed choices otherwise.
 */
public final class Completions {
    private final CommandRegistry registry;
    private final Supplier<List<String>> domainNames;

    /** @param domainNames the connection's domains; empty when there is no connection to ask */
    public Completions(CommandRegistry registry, Supplier<List<String>> domainNames) {
        this.registry = registry;
        this.domainNames = domainNames;
    }

    /**
     * @param before  the words of the line before the one being completed (a {@code ;} word ends
     *                a command)
     * @param current the word being completed, possibly empty
     */
    public List<String> candidates(List<String> before, String current) {
        List<String> words = currentCommand(before);
        if (words.isEmpty()) {
            return matching(registry.all().stream().map(CommandSpec::name).toList(), current);
        }
        Optional<CommandSpec> found = registry.find(words.get(0));
        if (found.isEmpty()) {
            return List.of();
        }
        CommandSpec spec = found.get();
        Binding binding = Binding.of(spec, words.subList(1, words.size()));
        if (binding.awaitingValue().isPresent()) {
            return values(spec, binding.awaitingValue().get(), current);
        }
        List<String> out = new ArrayList<>();
        if (current.isEmpty() || current.startsWith("-")) {
            List<String> options = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (!binding.given().contains(o.name()) || o.kind() == OptionSpec.Kind.ARGV) {
                    options.add("--" + o.name());
                }
            }
            out.addAll(matching(options, current));
        }
        if (!current.startsWith("-")) {
            binding.nextSlot().ifPresent(o -> out.addAll(values(spec, o, current)));
        }
        return out;
    }

    private List<String> values(CommandSpec spec, OptionSpec option, String current) {
        List<String> all;
        if (option.name().equals("domain")) {
            all = domainNames.get();
        } else if (spec.name().equals("help") && option.name().equals("command")) {
            all = new ArrayList<>(registry.all().stream().map(CommandSpec::name).toList());
            for (CommandGroup g : CommandGroup.values()) {
                all.add(g.keyword());
            }
        } else {
            all = option.choices();
        }
        return matching(all, current);
    }

    private static List<String> matching(List<String> all, String prefix) {
        return all.stream().filter(s -> s.startsWith(prefix)).sorted().toList();
    }

    /** The words after the last {@code ;}. */
    static List<String> currentCommand(List<String> before) {
        int start = 0;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).equals(";")) {
                start = i + 1;
            }
        }
        return before.subList(start, before.size());
    }

    /** How far the words typed so far got in binding the command's options. */
    private record Binding(Set<String> given, Optional<OptionSpec> awaitingValue, Optional<OptionSpec> nextSlot) {
        static Binding of(CommandSpec spec, List<String> words) {
            Set<String> given = new HashSet<>();
            boolean dataOnly = false;
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                if (!dataOnly && w.equals("--")) {
                    dataOnly = true;
                } else if (!dataOnly && w.startsWith("--") && w.length() > 2) {
                    String name = w.substring(2);
                    boolean inline = name.contains("=");
                    Optional<OptionSpec> o = spec.option(inline ? name.substring(0, name.indexOf('=')) : name);
                    if (o.isEmpty()) {
                        continue;
                    }
                    given.add(o.get().name());
                    if (o.get().takesValue() && !inline) {
                        if (i + 1 == words.size()) {
                            return new Binding(given, o, Optional.empty());
                        }
                        i++;
                    }
                } else {
                    nextSlot(spec, given).ifPresent(o -> given.add(o.name()));
                }
            }
            return new Binding(given, Optional.empty(), nextSlot(spec, given));
        }

        private static Optional<OptionSpec> nextSlot(CommandSpec spec, Set<String> given) {
            return spec.options().stream().filter(o -> o.positional() && o.takesValue()
                    && o.kind() != OptionSpec.Kind.ARGV && !given.contains(o.name())).findFirst();
        }
    }
}
