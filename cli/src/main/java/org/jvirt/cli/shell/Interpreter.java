package org.jvirt.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.jvirt.cli.command.CommandFailure;
import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.command.CommandSpec;
import org.jvirt.cli.command.Invocation;
import org.jvirt.cli.log.ShellLog;
import org.jvirt.cli.output.Output;
import org.jvirt.cli.parse.ArgBinder;
import org.jvirt.cli.parse.ParseException;
import org.jvirt.cli.parse.ParsedCommand;
import org.jvirt.error.VirtException;

/**
 * Runs a list of commands as virsh does: all are parsed first (a parse error runs none); each
 * then runs, a failure printing {@code error: } lines but not stopping the list; after each one
 * a blank line (hidden by {@code -q}) or, with {@code -t}, the time it took. The status is the
 * last command's; {@code quit}/{@code exit} end the list.
 */
public final class Interpreter {
    private static final ShellLog LOG = ShellLog.of(Interpreter.class);

    /** The status of a command list and whether it asked to leave the shell. */
    public record Outcome(int status, boolean quit) {
    }

    private final CommandRegistry registry;
    private final Session session;
    private final boolean timing;
    private final LongSupplier nanoClock;
    private final BooleanSupplier flushEach;

    /**
     * @param flushEach whether a command's output is flushed as soon as it ends when more commands
     *                  follow it (on a terminal, where a person waits for it; a pipe gets it in large
     *                  writes); asked only then, so that a single command never probes the terminal.
     *                  The output of a list's last command is the caller's to flush.
     */
    public Interpreter(CommandRegistry registry, Session session, boolean timing, LongSupplier nanoClock,
                       BooleanSupplier flushEach) {
        this.flushEach = flushEach;
        this.registry = registry;
        this.session = session;
        this.timing = timing;
        this.nanoClock = nanoClock;
    }

    public Outcome run(List<List<String>> commands) {
        Output out = session.output();
        List<CommandSpec> specs = new ArrayList<>();
        List<ParsedCommand> parsed = new ArrayList<>();
        try {
            for (List<String> words : commands) {
                String name = words.get(0);
                Optional<CommandSpec> found = registry.find(name);
                if (found.isEmpty()) {
                    throw new ParseException("unknown command: '" + name + "'");
                }
                CommandSpec spec = found.get();
                specs.add(spec);
                parsed.add(ArgBinder.bind(name, spec.options(), words.subList(1, words.size())));
            }
        } catch (ParseException e) {
            out.error(e.getMessage());
            return new Outcome(1, false);
        }
        int status = 0;
        for (int i = 0; i < specs.size(); i++) {
            CommandSpec spec = specs.get(i);
            if (LOG.isDebugEnabled()) {
                LOG.debug("command: {}", String.join(" ", commands.get(i)));
            }
            if (spec.name().equals("quit") || spec.name().equals("exit")) {
                return new Outcome(0, true);
            }
            long start = nanoClock.getAsLong();
            status = runOne(spec, parsed.get(i));
            long elapsed = nanoClock.getAsLong() - start;
            if (timing) {
                out.print(String.format(Locale.ROOT, "\n(Time: %.3f ms)\n\n", elapsed / 1_000_000.0));
            } else {
                out.extra("\n");
            }
            if (i + 1 < specs.size() && flushEach.getAsBoolean()) {
                out.flush();
            }
        }
        return new Outcome(status, false);
    }

    public void flushOutput() {
        session.output().flush();
    }

    private int runOne(CommandSpec spec, ParsedCommand command) {
        Output out = session.output();
        try {
            if (spec.needsConnection()) {
                session.connection();
            }
            spec.handler().run(new Invocation(command, session));
            return 0;
        } catch (CommandFailure f) {
            f.messages().forEach(out::error);
            trace(f);
            return f.status();
        } catch (VirtException e) {
            out.error(e.getMessage());
            trace(e);
            return 1;
        } catch (RuntimeException e) {
            out.error("internal error: " + e);
            trace(e);
            return 1;
        }
    }

    private void trace(RuntimeException e) {
        if (session.debug()) {
            e.printStackTrace(session.output().errStream());
        }
    }
}
