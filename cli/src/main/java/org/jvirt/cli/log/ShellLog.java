package org.jvirt.cli.log;

import org.jvirt.log.LazyLogger;
import org.slf4j.event.Level;

/**
 * The logger of the shell's own classes: whether a level is on is asked of the shell's route
 * ({@link ShellLogging#attach}: {@code -d} and its level), so that a command that writes no
 * record never binds SLF4J ({@link ShellLoggerFactory}); a record is then written through SLF4J,
 * whose binding decides as well.
 */
public final class ShellLog {
    private final LazyLogger logger;

    private ShellLog(Class<?> owner) {
        this.logger = LazyLogger.of(owner);
    }

    /** The logger named after {@code owner}. */
    public static ShellLog of(Class<?> owner) {
        return new ShellLog(owner);
    }

    public boolean isDebugEnabled() {
        return ShellLoggerFactory.process().enabled(Level.DEBUG);
    }

    /** Like {@link org.slf4j.Logger#debug(String, Object...)}. */
    public void debug(String format, Object... args) {
        logger.debug(format, args);
    }
}
