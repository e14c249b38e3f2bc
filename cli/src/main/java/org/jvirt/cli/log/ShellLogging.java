package org.jvirt.cli.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/** Routes the loggers of the process to a shell run for its duration. */
public final class ShellLogging {
    private ShellLogging() {
    }

    /**
     * From now until the returned scope is closed, records at or above {@code threshold} go to
     * {@code sink}. Without jvirsh's binding (another SLF4J provider on the class path) it
     * changes nothing.
     */
    public static Scope attach(ShellLoggerFactory.Route route) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof ShellLoggerFactory shell) {
            ShellLoggerFactory.Route previous = shell.route(route);
            return new Restore(shell, previous);
        }
        return () -> { };
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
