package org.jvirt.cli.output;

import java.io.PrintStream;

/**
 * Where commands print: stdout for results ({@link #print}), stdout unless quiet for what
 * {@code -q} hides ({@link #extra}: table headers, the blank line after each command), stderr
 * for {@code error: } and {@code warning: } lines.
 */
public final class Output {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;

    public Output(PrintStream out, PrintStream err, boolean quiet) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
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
        out.flush();
        err.print("error: " + message + "\n");
        err.flush();
    }

    public void warning(String message) {
        out.flush();
        err.print("warning: " + message + "\n");
        err.flush();
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
