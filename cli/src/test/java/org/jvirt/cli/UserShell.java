package org.jvirt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jvirt.testing.ProcessLines;

/**
 * jvirsh's shell in a process of its own (one JVM, one connection kept between commands), fed
 * commands on standard input; each command's output (errors included) is what it printed before
 * the {@code echo} of a mark sent after it.
 */
final class UserShell implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines;
    private int marks;

    UserShell(ProcessBuilder pb) throws IOException {
        process = pb.start();
        lines = ProcessLines.of(process, "jvirsh-shell-output");
    }

    /** Runs {@code command}; returns its output, lines joined by newlines, without the blank line jvirsh ends with. */
    String run(String command) throws IOException, InterruptedException {
        String mark = "@@mark" + ++marks;
        process.getOutputStream().write((command + "\necho " + mark + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        List<String> out = new ArrayList<>();
        while (true) {
            String l = lines.poll(120, TimeUnit.SECONDS);
            if (l == null) {
                throw new AssertionError("jvirsh's shell did not answer '" + command + "' within 120 s; it printed "
                        + out + " and " + (process.isAlive() ? "runs" : "ended with " + process.exitValue()));
            }
            if (l.equals(mark)) {
                return String.join("\n", out).strip();
            }
            out.add(l);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
        } catch (IOException ended) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
