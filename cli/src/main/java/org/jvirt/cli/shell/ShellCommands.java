package org.jvirt.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandGroup;
import org.jvirt.cli.command.CommandProvider;
import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.parse.OptionSpec;

/** help, echo, complete, quit, exit: the commands of the shell itself. */
public final class ShellCommands implements CommandProvider {
    private final Supplier<CommandRegistry> registry;

    /** @param registry the registry these commands end up in (help lists it) */
    public ShellCommands(Supplier<CommandRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public List<String> names() {
        return List.of("help", "echo", "complete", "quit", "exit");
    }

    @Override
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("help", CommandGroup.SHELL).summary("print help")
                        .description("Prints global help, command specific help, or help for a group of "
                                + "related commands")
                        .option(OptionSpec.optional("command", OptionSpec.Kind.STRING,
                                "Prints global help, command specific help, or help for a group of related commands"))
                        .offline().handler(this::help),
                CommandSpec.builder("echo", CommandGroup.SHELL).summary("echo arguments. Used for internal testing.")
                        .description("Echo back arguments, possibly with quoting. Used for internal testing.")
                        .flag("shell", "escape for shell use").flag("xml", "escape for XML use")
                        .flag("split", "split each argument on ','; ',,' is an escape sequence")
                        .flag("err", "output to stderr").option(OptionSpec.argv("string", "arguments to echo"))
                        .offline().handler(this::echo),
                CommandSpec.builder("complete", CommandGroup.SHELL).summary("internal command for autocompletion")
                        .description("internal use only")
                        .option(OptionSpec.argv("string", "partial string to autocomplete"))
                        .offline().hidden().handler(this::complete),
                CommandSpec.builder("quit", CommandGroup.SHELL).summary("quit this interactive terminal")
                        .offline().handler(inv -> { }),
                CommandSpec.builder("exit", CommandGroup.SHELL).summary("quit this interactive terminal")
                        .offline().handler(inv -> { }));
    }

    private void help(Invocation inv) {
        HelpPrinter printer = new HelpPrinter(registry.get());
        Optional<String> topic = inv.string("command");
        if (topic.isEmpty()) {
            inv.out().print(printer.all());
            return;
        }
        Optional<CommandSpec> command = registry.get().find(topic.get());
        if (command.isPresent()) {
            inv.out().print(printer.command(command.get()));
            return;
        }
        for (CommandGroup g : CommandGroup.values()) {
            if (g.keyword().equals(topic.get())) {
                inv.out().print(printer.group(g));
                return;
            }
        }
        throw CommandFailure.of("command or command group '" + topic.get() + "' doesn't exist");
    }

    /** {@code complete -- WORDS... PARTIAL}: one candidate a line, for the bash completion of jvirsh. */
    private void complete(Invocation inv) {
        List<String> words = inv.argv();
        List<String> before = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        new Completions(registry.get(), inv.session()::domainNames).candidates(before, current)
                .forEach(inv.out()::println);
    }

    private void echo(Invocation inv) {
        List<String> words = new ArrayList<>();
        for (String arg : inv.argv()) {
            if (inv.flag("split")) {
                words.addAll(EchoEscapes.split(arg));
            } else {
                words.add(arg);
            }
        }
        List<String> shown = new ArrayList<>();
        for (String w : words) {
            String s = inv.flag("xml") ? EchoEscapes.xml(w) : w;
            shown.add(inv.flag("shell") ? EchoEscapes.shell(s) : s);
        }
        String text = inv.flag("split") ? String.join("\n", shown) + "\n" : String.join(" ", shown);
        if (inv.flag("err")) {
            inv.out().error(text);
        } else {
            inv.out().print(text);
        }
    }
}
