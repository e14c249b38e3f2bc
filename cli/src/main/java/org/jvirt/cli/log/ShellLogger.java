package org.jvirt.cli.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named logger of {@link ShellLoggerFactory}: formats the message and hands it on. */
final class ShellLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient ShellLoggerFactory factory;

    ShellLogger(String name, ShellLoggerFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    @Override
    public boolean isTraceEnabled() {
        return factory.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return factory.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return factory.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return factory.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return factory.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        factory.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
}
