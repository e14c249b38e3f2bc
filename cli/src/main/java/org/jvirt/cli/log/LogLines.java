package org.jvirt.cli.log;

import org.jvirt.cli.output.Output;
import org.slf4j.event.Level;

/**
 * A log record as a diagnostic of the shell ({@link Output#report}): the message, and for
 * debugging the class that logged it first ({@code debug: ManagedConnection: ...}).
 */
public final class LogLines {
    private LogLines() {
    }

    public static String message(Level level, String logger, String message) {
        return level.toInt() <= Level.DEBUG.toInt()
                ? logger.substring(logger.lastIndexOf('.') + 1) + ": " + message : message;
    }

    /** A sink that reports each record on {@code output}, with its stack trace when {@code traces}. */
    public static LogSink to(Output output, boolean traces) {
        return new OutputSink(output, traces);
    }

    // a class rather than a lambda: every one-shot command makes one, and on JDK 17 a lambda
    // links its call site at run time (docs/benchmarks.md)
    private record OutputSink(Output output, boolean traces) implements LogSink {
        @Override
        public void write(Level level, String logger, String message, Throwable error) {
            output.report(level, message(level, logger, message));
            if (error != null && traces) {
                error.printStackTrace(output.errStream());
            }
        }
    }
}
