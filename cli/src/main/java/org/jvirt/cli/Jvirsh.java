package org.jvirt.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import org.jvirt.cli.adapt.EffectivePinningExplainer;
import org.jvirt.cli.adapt.PinningProbeLocator;
import org.jvirt.cli.adapt.ConnectionNodeInfoSource;
import org.jvirt.cli.command.CommandRegistry;
import org.jvirt.cli.commands.DomainInfoCommands;
import org.jvirt.cli.commands.DomainLifecycleCommands;
import org.jvirt.cli.commands.EventCommands;
import org.jvirt.cli.commands.HostCommands;
import org.jvirt.cli.commands.DriverCommands;
import org.jvirt.cli.commands.ListCommand;
import org.jvirt.cli.commands.PinCommands;
import org.jvirt.cli.commands.PinningCommands;
import org.jvirt.cli.commands.ShellCommands;
import org.jvirt.cli.commands.VcpuCommands;
import org.jvirt.cli.output.Output;
import org.jvirt.cli.parse.CommandStringSplitter;
import org.jvirt.cli.shell.CommandRunner;
import org.jvirt.cli.shell.ConnectionProvider;
import org.jvirt.cli.shell.InteractiveShell;
import org.jvirt.cli.shell.ScriptReader;
import org.jvirt.cli.shell.Session;

/**
 * One jvirsh run: wires the command families and runs the command string, the command in
 * argv, or standard input (an interactive shell when it is a terminal). Returns the exit status.
 */
public final class Jvirsh {
    private final CommandRegistry registry;
    private final ConnectionProvider provider;

    public Jvirsh(ConnectionProvider provider, Extensions extensions) {
        this.provider = provider;
        this.registry = new CommandRegistry(List.of(
                new ShellCommands(this::registry),
                new ListCommand(),
                new DomainInfoCommands(),
                new DomainLifecycleCommands(),
                new VcpuCommands(),
                new PinCommands(extensions.explainer()),
                new PinningCommands(extensions.explainer(), extensions.probes()),
                new EventCommands(extensions.clock()),
                new HostCommands(extensions.nodeInfo()),
                new DriverCommands()));
    }

    /** The interim adapters (see {@link Extensions}). */
    public static Jvirsh withDefaults(ConnectionProvider provider) {
        return new Jvirsh(provider, new Extensions(new ConnectionNodeInfoSource(), new EffectivePinningExplainer(),
                PinningProbeLocator.fromDriver(), java.time.Clock.systemDefaultZone()));
    }

    public CommandRegistry registry() {
        return registry;
    }

    /**
     * @param terminal whether standard input is a terminal (interactive shell with JLine)
     */
    public int run(GlobalOptions options, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        Output output = new Output(out, err, options.quiet());
        try (Session session = new Session(provider, options.uri(), options.readOnly(), options.debug(), output)) {
            CommandRunner runner = new CommandRunner(registry, session, options.timing(), System::nanoTime);
            List<String> command = options.command();
            if (command.size() == 1) {
                return runner.run(CommandStringSplitter.split(command.get(0))).status();
            }
            if (command.size() > 1) {
                return runner.run(List.of(command)).status();
            }
            if (terminal) {
                return new InteractiveShell(registry, runner, session).run();
            }
            return new ScriptReader(runner).run(in);
        } finally {
            output.flush();
        }
    }
}
