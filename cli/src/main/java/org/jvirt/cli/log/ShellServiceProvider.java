package org.jvirt.cli.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of jvirsh (found through {@code META-INF/services}): the library logs
 * through SLF4J only, and in the shell its records become {@code warning:}/{@code error:} lines
 * on stderr, and with {@code --debug} the debug log too.
 */
public final class ShellServiceProvider implements SLF4JServiceProvider {
    private ShellLoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        loggers = ShellLoggerFactory.process();
        markers = new BasicMarkerFactory();
        mdc = new NOPMDCAdapter();
    }
}
