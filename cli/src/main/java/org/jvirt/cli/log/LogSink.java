package org.jvirt.cli.log;

import org.slf4j.event.Level;

/** Where log records go once formatted: a shell run's stderr, or a log file. */
@FunctionalInterface
public interface LogSink {
    /**
     * @param logger the name of the logger (a class name)
     * @param error  the throwable logged with the record, or {@code null}
     */
    void write(Level level, String logger, String message, Throwable error);
}
