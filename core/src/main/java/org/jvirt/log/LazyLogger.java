package org.jvirt.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SLF4J logger that is looked up on the first record, not when its class loads. SLF4J binds
 * its provider on the first {@code LoggerFactory.getLogger}, and without one it warns on stderr
 * ("No SLF4J providers were found"): with this, an application without a binding sees that
 * warning only when jvirt has something to log (which it then drops), never on a quiet run.
 * With a binding nothing changes: records go to it as they would through a static logger.
 */
public final class LazyLogger {
    private final Class<?> owner;
    private volatile Logger logger;

    private LazyLogger(Class<?> owner) {
        this.owner = owner;
    }

    /** The logger named after {@code owner}, looked up when it first logs. */
    public static LazyLogger of(Class<?> owner) {
        return new LazyLogger(owner);
    }

    /** Like {@link Logger#debug(String, Object...)}: a trailing throwable is logged with its stack. */
    public void debug(String format, Object... args) {
        logger().debug(format, args);
    }

    /** Like {@link Logger#info(String, Object...)}: a trailing throwable is logged with its stack. */
    public void info(String format, Object... args) {
        logger().info(format, args);
    }

    /** Like {@link Logger#warn(String, Object...)}: a trailing throwable is logged with its stack. */
    public void warn(String format, Object... args) {
        logger().warn(format, args);
    }

    private Logger logger() {
        Logger l = logger;
        if (l == null) {
            l = LoggerFactory.getLogger(owner);
            logger = l;
        }
        return l;
    }
}
