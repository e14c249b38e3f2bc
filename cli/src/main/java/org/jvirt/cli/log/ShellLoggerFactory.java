package org.jvirt.cli.log;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jvirt.cli.output.Output;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * jvirsh's loggers: every record at or above the route's threshold goes to the route's sink.
 * Until a shell run routes them ({@link ShellLogging#attach}), warnings and errors go to the
 * process's stderr, after its stdout is flushed.
 * <p>
 * There is one per process, {@link #process()}, made before SLF4J binds and bound by
 * {@link ShellServiceProvider}: SLF4J's binding is process-global, and so is the route. A shell
 * run routes the loggers without binding SLF4J, so a command that logs nothing never binds it
 * (binding costs a one-shot command its start: SLF4J reports the provider named by
 * {@code slf4j.provider} with {@code String.format}, whose first use compiles regular expressions);
 * a command that logs binds it on its first record, which takes the route in force then.
 */
public final class ShellLoggerFactory implements ILoggerFactory {
    /** A threshold and where records that pass it go. */
    public record Route(Level threshold, LogSink sink) {
        public Route {
            Objects.requireNonNull(threshold, "threshold");
            Objects.requireNonNull(sink, "sink");
        }
    }

    static final Route STDERR = new Route(Level.WARN, LogLines.to(new Output(System.out, System.err, false), false));

    private static final ShellLoggerFactory PROCESS = new ShellLoggerFactory();

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private volatile Route route = STDERR;

    ShellLoggerFactory() {
    }

    /** The process's loggers: the ones jvirsh's SLF4J binding hands out, and the ones a shell run routes. */
    public static ShellLoggerFactory process() {
        return PROCESS;
    }

    @Override
    public Logger getLogger(String name) {
        Logger logger = loggers.get(name);
        if (logger == null) {
            Logger made = new ShellLogger(name, this);
            logger = loggers.putIfAbsent(name, made);
            return logger == null ? made : logger;
        }
        return logger;
    }

    /** Routes every logger from now on; returns the route it replaces. */
    public Route route(Route next) {
        Route previous = route;
        route = Objects.requireNonNull(next, "next");
        return previous;
    }

    boolean enabled(Level level) {
        return level.toInt() >= route.threshold().toInt();
    }

    void write(Level level, String logger, String message, Throwable error) {
        Route r = route;
        if (level.toInt() >= r.threshold().toInt()) {
            r.sink().write(level, logger, message, error);
        }
    }
}
