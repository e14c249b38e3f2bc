package org.jvirt.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jvirt.cli.parse.CommandStringSplitter;

/**
 * Commands from a non-terminal standard input, one line at a time ({@code ;} and {@code #}
 * work as in a command string). Unlike virsh, no banner or prompts are echoed, and the exit
 * status is the last command's, so scripts piped into jvirsh can test it.
 */
public final class ScriptReader {
    private final Interpreter interpreter;

    public ScriptReader(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    /** Output is flushed only when the next line is not already waiting: batches stay fast, pipes stay live. */
    private String nextLine(BufferedReader reader) throws IOException {
        if (!reader.ready()) {
            interpreter.flushOutput();
        }
        return reader.readLine();
    }

    public int run(InputStream in) {
        int status = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = nextLine(reader)) != null) {
                List<List<String>> commands = CommandStringSplitter.split(line);
                if (commands.isEmpty()) {
                    continue;
                }
                Interpreter.Outcome outcome = interpreter.run(commands);
                status = outcome.status();
                if (outcome.quit()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        return status;
    }
}
