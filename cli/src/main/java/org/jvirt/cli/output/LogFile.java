package org.jvirt.cli.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.event.Level;

/**
 * {@code jvirsh -l FILE}: every diagnostic appended as virsh writes its log,
 * {@code [2026.01.02 03:04:05 jvirsh 4242] ERROR failed to get domain 'x'}.
 */
public final class LogFile implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss", Locale.ROOT);

    private final Writer writer;
    private final Clock clock;
    private final long pid;

    private LogFile(Writer writer, Clock clock, long pid) {
        this.writer = writer;
        this.clock = clock;
        this.pid = pid;
    }

    /** @throws UncheckedIOException when the file cannot be opened for appending */
    public static LogFile open(Path file, Clock clock) {
        try {
            return new LogFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE), clock, ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log file " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized void append(Level level, String message) {
        try {
            writer.write("[" + ZonedDateTime.now(clock).format(STAMP) + " jvirsh " + pid + "] " + name(level) + " "
                    + message + "\n");
            writer.flush();
        } catch (IOException e) {
            // a full disk must not stop the shell; the diagnostic is on stderr anyway
        }
    }

    private static String name(Level level) {
        return level == Level.WARN ? "WARNING" : level.name();
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            // nothing left to save
        }
    }
}
