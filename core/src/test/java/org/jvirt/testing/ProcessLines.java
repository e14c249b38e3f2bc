package org.jvirt.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A child process's standard output, line by line as it comes, read on a daemon thread of its own. */
public final class ProcessLines {
    private ProcessLines() {
    }

    /** The lines {@code process} prints, queued as they come; the queue stops growing when the process ends. */
    public static BlockingQueue<String> of(Process process, String threadName) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the process ended or was killed
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
