package org.jvirt.cli.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.parse.CommandStringSplitter;

/**
 * The interactive shell on a terminal: prompt {@code jvirsh # }, history kept in
 * {@code ~/.cache/jvirsh/history}, completion of commands, options and domain names. Each
 * command's output is on the screen before the next prompt. Ctrl-C drops the line being typed,
 * or ends the wait of a command that waits ({@link Interrupts}); Ctrl-D or {@code quit} leaves. The
 * exit status is 0, as virsh's.
 */
public final class InteractiveShell {
    static final String PROMPT = "jvirsh # ";

    private final CommandRegistry registry;
    private final Interpreter interpreter;
    private final Session session;

    public InteractiveShell(CommandRegistry registry, Interpreter interpreter, Session session) {
        this.registry = registry;
        this.interpreter = interpreter;
        this.session = session;
    }

    public int run() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("jvirsh")
                    .completer(new JvirshCompleter(new Completions(registry, session::domainNames)))
                    .variable(LineReader.HISTORY_FILE, historyFile())
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    // as readline (virsh): Tab completes and lists, it never picks a candidate for you
                    .option(LineReader.Option.AUTO_MENU, false)
                    .build();
            // outside readLine (which handles Ctrl-C itself), Ctrl-C ends a command's wait
            terminal.handle(Terminal.Signal.INT, signal -> session.interrupts().interrupt());
            session.output().print("Welcome to jvirsh, the jvirt interactive terminal.\n\n"
                    + "Type:  'help' for help with commands\n       'quit' to quit\n\n");
            session.output().flush();
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    session.output().print("\n");
                    break;
                }
                if (runLine(line)) {
                    break;
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        } finally {
            session.output().flush();
        }
    }

    /** Runs one line's commands, all of whose output is shown before the next prompt; true to leave. */
    private boolean runLine(String line) {
        List<List<String>> commands = CommandStringSplitter.split(line);
        session.interrupts().reset();
        try {
            return !commands.isEmpty() && interpreter.run(commands).quit();
        } finally {
            session.output().flush();
        }
    }

    private static Path historyFile() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvirsh").resolve("history");
    }
}
