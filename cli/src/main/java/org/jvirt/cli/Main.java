package org.jvirt.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import org.jvirt.Version;
import org.jvirt.cli.shell.ConnectionProvider;
import org.jvirt.cli.shell.JvirtConnectionProvider;


/** {@code jvirsh [-c URI] [-t] [-q] [-r] [-d] [COMMAND [ARGS...]]}. */
public final class Main {
    /**
     * A class rather than a method reference: on JDK 17 the first lambda or method reference a
     * process links sets up the JDK's method-handle machinery, which a one-shot command need not
     * pay for (docs/benchmarks.md).
     */
    private static final BooleanSupplier TERMINAL = new Interactive();

    private Main() {
    }

    public static void main(String[] args) {
        UnixSocketWarmUp.startIfAsked();
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        ConnectionProvider provider;
        try {
            provider = provider();
        } catch (ReflectiveOperationException | ClassCastException e) {
            err.print("error: cannot load the connection provider: " + e + "\n");
            end(1);
            return;
        }
        Jvirsh jvirsh = Jvirsh.withDefaults(provider);
        UnixSocketWarmUp.startIfACommandActsOnADomain(args, jvirsh.registry());
        // the launcher's check of the sources ran while this JVM started: its verdict first
        if (!SourcesCheck.current(System.getenv())) {
            end(SourcesCheck.relaunch(System.getenv(), args));
        }
        int status = run(args, System.in, out, err, TERMINAL, jvirsh);
        out.flush();
        if (jvirsh.ranAnInteractiveShell()) {
            // a person's session: the JDK's exit runs what was to be deleted at exit, such as the
            // native library JLine unpacked into the temporary directory, which halt would leave
            // there; a person does not count 10-15 ms
            System.exit(status);
        }
        end(status);
    }

    /** Whether standard input is a terminal, probed when asked. */
    private static final class Interactive implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return interactive();
        }
    }

    /**
     * Ends the process with {@code status}: {@link Runtime#halt}, not {@code System.exit}. Since
     * JDK 21 {@code System.exit} first asks for a {@code System.Logger} to log the exit, and finding
     * the logging back end reads service files, which opens the JDK's module image and the jar:
     * 10-15 ms at the end of every one-shot command, whose classes otherwise all come from the
     * start-up cache. jvirsh registers no shutdown hook; by now its connection is closed, the
     * terminal restored and the output flushed. (An interactive shell ends with
     * {@code System.exit}: see {@link #main}.)
     */
    static void end(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /**
     * Runs jvirsh with these arguments and streams; returns the exit status.
     *
     * @param terminal whether standard input is a terminal (interactive shell)
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal,
                          Jvirsh jvirsh) {
        return run(args, in, out, err, () -> terminal, jvirsh);
    }

    /**
     * As {@link #run(String[], InputStream, PrintStream, PrintStream, boolean, Jvirsh)}, with the
     * terminal probed only when jvirsh needs to know (a one-shot command never asks: on JDK 22 and
     * later the console's probe loads the JDK's terminal providers).
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, BooleanSupplier terminal,
                   Jvirsh jvirsh) {
        GlobalOptions options;
        try {
            options = GlobalOptions.parse(args);
        } catch (GlobalOptions.UsageException e) {
            err.print("error: " + e.getMessage() + "\n");
            return 1;
        }
        if (options.help()) {
            out.print(usage());
            return 0;
        }
        if (options.version() == GlobalOptions.Version.SHORT) {
            out.print(Version.JVIRT + "\n");
            return 0;
        }
        if (options.version() == GlobalOptions.Version.LONG) {
            out.print("jvirsh, the virsh-compatible shell of jvirt " + Version.JVIRT + "\n"
                    + "Running on Java " + Runtime.version() + "\n");
            return 0;
        }
        try {
            return jvirsh.run(options, in, out, err, terminal);
        } catch (RuntimeException e) {
            err.print("error: " + e.getMessage() + "\n");
            if (options.debug()) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /**
     * Whether standard input and output are a terminal. Up to JDK 21 that is a console being
     * there; JDK 22 and later may give a console on pipes too and say through
     * {@code Console.isTerminal()}.
     */
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static ConnectionProvider provider() throws ReflectiveOperationException {
        String name = System.getProperty(ConnectionProvider.PROPERTY);
        if (name == null || name.isEmpty()) {
            return new JvirtConnectionProvider();
        }
        return (ConnectionProvider) Class.forName(name).getDeclaredConstructor().newInstance();
    }

    static String usage() {
        return "\n"
                + "jvirsh [options]... [<command_string>]\n"
                + "jvirsh [options]... <command> [args...]\n\n"
                + "  options:\n"
                + "    -c | --connect=URI      hypervisor connection URI\n"
                + "    -d | --debug[=NUM]      debug level [0-4]; 0 (or no level) shows the library's\n"
                + "                            debug log and the stack traces of errors\n"
                + "    -e | --escape <char>    accepted for virsh's scripts (jvirt has no console)\n"
                + "    -h | --help             this help\n"
                + "    -k | --keepalive-interval=NUM\n"
                + "    -K | --keepalive-count=NUM\n"
                + "                            accepted for virsh's scripts (no remote keepalive)\n"
                + "    -l | --log=FILE         also append every diagnostic to FILE\n"
                + "    -q | --quiet            quiet mode\n"
                + "    -r | --readonly         connect readonly\n"
                + "    -t | --timing           print timing information\n"
                + "    -v                      short version\n"
                + "    -V                      long version\n"
                + "         --version[=TYPE]   version, TYPE is short or long (default short)\n\n"
                + "  With no command, commands are read from standard input (an interactive\n"
                + "  shell on a terminal). 'jvirsh help' lists the commands.\n\n";
    }
}
