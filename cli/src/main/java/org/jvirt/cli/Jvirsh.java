package org.jvirt.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.domain.DefinitionCommands;
import org.jvirt.cli.domain.DomainInfoCommands;
import org.jvirt.cli.domain.DriverCommands;
import org.jvirt.cli.domain.DumpXmlCommand;
import org.jvirt.cli.domain.LifecycleCommands;
import org.jvirt.cli.domain.ListCommand;
import org.jvirt.cli.event.EventCommands;
import org.jvirt.cli.host.HostCommands;
import org.jvirt.cli.log.LogLines;
import org.jvirt.cli.log.ShellLoggerFactory;
import org.jvirt.cli.log.ShellLogging;
import org.jvirt.cli.output.LogFile;
import org.jvirt.cli.output.Output;
import org.jvirt.cli.parse.CommandStringSplitter;
import org.jvirt.cli.pinning.PinCheckCommand;
import org.jvirt.cli.pinning.PinCommands;
import org.jvirt.cli.pinning.PinMapCommand;
import org.jvirt.cli.pinning.VcpuCommands;
import org.jvirt.cli.shell.ConnectionProvider;
import org.jvirt.cli.shell.InteractiveShell;
import org.jvirt.cli.shell.Interpreter;
import org.jvirt.cli.shell.ScriptReader;
import org.jvirt.cli.shell.Session;
import org.jvirt.cli.shell.ShellCommands;
import org.slf4j.event.Level;

/**
 * One jvirsh run: wires the command providers and runs the command string, the command in
 * argv, or standard input (an interactive shell when it is a terminal). Returns the exit status.
 */
public final class Jvirsh {
    private final CommandRegistry registry;
    private final ConnectionProvider provider;
    private final Seams seams;
    private boolean ranAnInteractiveShell;

    public Jvirsh(ConnectionProvider provider, Seams seams) {
        this.provider = provider;
        this.seams = seams;
        this.registry = new CommandRegistry(List.of(
                new ShellCommands(new RegistryOf(this)),
                new ListCommand(),
                new DomainInfoCommands(),
                new DefinitionCommands(),
                new LifecycleCommands(),
                new DumpXmlCommand(),
                new VcpuCommands(),
                new PinCommands(),
                new PinMapCommand(seams.threads()),
                new PinCheckCommand(seams.threads()),
                new EventCommands(seams.clock()),
                new HostCommands(),
                new DriverCommands(),
                new org.jvirt.cli.tuning.SchedinfoCommand(),
                new org.jvirt.cli.tuning.NumatuneCommand(),
                new org.jvirt.cli.tuning.IothreadCommands(),
                new org.jvirt.cli.tuning.AutostartCommands(),
                new org.jvirt.cli.stats.CpuStatsCommand(),
                new org.jvirt.cli.stats.DomstatsCommand(),
                new org.jvirt.cli.host.NodeStatsCommands()));
    }

    /**
     * The registry, for {@code help}: a class rather than a method reference, as every run wires
     * it (on JDK 17 the first one linked sets up the JDK's method handles: docs/benchmarks.md).
     */
    private record RegistryOf(Jvirsh jvirsh) implements java.util.function.Supplier<CommandRegistry> {
        @Override
        public CommandRegistry get() {
            return jvirsh.registry;
        }
    }

    /** The monotonic clock of {@code --timing} (a class rather than a method reference, as above). */
    private static final class NanoClock implements java.util.function.LongSupplier {
        @Override
        public long getAsLong() {
            return System.nanoTime();
        }
    }

    /** With the real {@link Seams}. */
    public static Jvirsh withDefaults(ConnectionProvider provider) {
        return new Jvirsh(provider, Seams.system());
    }

    public CommandRegistry registry() {
        return registry;
    }

    /** Whether {@link #run} ran the interactive shell (standard input a terminal, no command given). */
    public boolean ranAnInteractiveShell() {
        return ranAnInteractiveShell;
    }

    /**
     * @param terminal whether standard input is a terminal (interactive shell with JLine); asked
     *                 only when it matters (no command given, or several commands in one string)
     */
    public int run(GlobalOptions options, InputStream in, PrintStream out, PrintStream err, BooleanSupplier terminal) {
        Optional<LogFile> log = options.logFile().isPresent() ? openLog(options.logFile().get(), err) : Optional.empty();
        Output output = new Output(out, err, options.quiet(), log);
        for (String problem : options.problems()) {
            output.error(problem);
        }
        ShellLoggerFactory.Route route = new ShellLoggerFactory.Route(threshold(options.debugLevel()),
                LogLines.to(output, options.debug()));
        try (ShellLogging.Scope logging = ShellLogging.attach(route);
             Session session = new Session(provider, options.uri(), options.readOnly(), options.debug(),
                     !options.command().isEmpty(), output)) {
            Interpreter interpreter = new Interpreter(registry, session, options.timing(), new NanoClock(), terminal);
            List<String> command = options.command();
            if (command.size() == 1) {
                return interpreter.run(CommandStringSplitter.split(command.get(0))).status();
            }
            if (command.size() > 1) {
                return interpreter.run(List.of(command)).status();
            }
            if (terminal.getAsBoolean()) {
                ranAnInteractiveShell = true;
                return new InteractiveShell(registry, interpreter, session).run();
            }
            return new ScriptReader(interpreter).run(in);
        } finally {
            output.flush();
            if (log.isPresent()) {
                log.get().close();
            }
        }
    }

    /** virsh's debug levels as log thresholds: 0 debug (and trace), 1-2 info, 3 warning, 4 error. */
    static Level threshold(int debugLevel) {
        return switch (debugLevel) {
            case 0 -> Level.TRACE;
            case 1, 2 -> Level.INFO;
            case 3 -> Level.WARN;
            default -> Level.ERROR;
        };
    }

    private Optional<LogFile> openLog(String file, PrintStream err) {
        try {
            return Optional.of(LogFile.open(Path.of(file), seams.clock()));
        } catch (UncheckedIOException e) {
            err.print("error: " + e.getMessage() + "\n");
            return Optional.empty();
        }
    }
}
