package org.jvirt.cli.log;

/** Routes the loggers of the process to a shell run for its duration. */
public final class ShellLogging {
    private ShellLogging() {
    }

    /**
     * From now until the returned scope is closed, records at or above {@code threshold} go to
     * {@code sink}. SLF4J is not bound here (a command that logs nothing never binds it): the
     * route is set on {@link ShellLoggerFactory#process()}, which jvirsh's binding hands out when
     * the first record binds SLF4J. Under another SLF4J provider (another binding on the class
     * path) it changes nothing but whether the shell's own debug lines are written
     * ({@link ShellLog}).
     */
    public static Scope attach(ShellLoggerFactory.Route route) {
        ShellLoggerFactory shell = ShellLoggerFactory.process();
        return new Restore(shell, shell.route(route));
    }

    /** Closing it puts back the route before (a class rather than a lambda: see LogLines). */
    private record Restore(ShellLoggerFactory shell, ShellLoggerFactory.Route previous) implements Scope {
        @Override
        public void close() {
            shell.route(previous);
        }
    }

    /** A routing in force; closing it restores the one before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
