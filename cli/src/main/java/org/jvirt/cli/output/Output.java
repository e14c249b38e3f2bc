package org.jvirt.cli.output;

import java.io.PrintStream;
import java.util.Optional;

import org.slf4j.event.Level;

/**
 * Where commands print: stdout for results ({@link #print}), stdout unless quiet for what
 * {@code -q} hides ({@link #extra}: table headers, the blank line after each command), stderr
 * for diagnostics as virsh prints them ({@code error: }, {@code warning: }, and with
 * {@code --debug} {@code info: } and {@code debug: }), stdout flushed first so that the two
 * streams stay in order on a terminal. With {@code -l FILE} every diagnostic is also appended
 * to the log file.
 */
public final class Output {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final Optional<LogFile> log;

    public Output(PrintStream out, PrintStream err, boolean quiet) {
        this(out, err, quiet, Optional.empty());
    }

    public Output(PrintStream out, PrintStream err, boolean quiet, Optional<LogFile> log) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.log = log;
    }

    public boolean quiet() {
        return quiet;
    }

    public void print(String text) {
        out.print(text);
    }

    public void println(String line) {
        out.print(line);
        out.print('\n');
    }

    /** Printed only without {@code -q}. */
    public void extra(String text) {
        if (!quiet) {
            out.print(text);
        }
    }

    public void error(String message) {
        report(Level.ERROR, message);
    }

    public void warning(String message) {
        report(Level.WARN, message);
    }

    /** A diagnostic line on stderr, {@code error: message} and the like. */
    public synchronized void report(Level level, String message) {
        out.flush();
        err.print(prefix(level) + message + "\n");
        err.flush();
        log.ifPresent(l -> l.append(level, message));
    }

    private static String prefix(Level level) {
        return switch (level) {
            case ERROR -> "error: ";
            case WARN -> "warning: ";
            case INFO -> "info: ";
            case DEBUG, TRACE -> "debug: ";
        };
    }

    /** For {@code --debug} stack traces. */
    public PrintStream errStream() {
        return err;
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
