package org.jvirt.driver.test;

import java.nio.file.Path;
import java.util.Optional;

import org.jvirt.spi.ConnectUri;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverContext;
import org.jvirt.spi.DriverFactory;
import org.jvirt.spi.ProbeResult;

/**
 * {@code test:///default} (the built-in node) and {@code test:///ABS/PATH.xml} (a node file).
 * Every connection gets its own copy of the node's state.
 */
public final class TestDriverFactory implements DriverFactory {
    static final String DEFAULT_PATH = "/default";

    @Override
    public String name() {
        return "TEST";
    }

    @Override
    public ProbeResult probe(ConnectUri uri) {
        if (!uri.driver().equals("test")) {
            return ProbeResult.decline("it serves only test:///default and test:///ABS/PATH.xml");
        }
        if (uri.path().equals(DEFAULT_PATH)) {
            return ProbeResult.accept();
        }
        if (uri.path().isEmpty() || uri.path().equals("/")) {
            return ProbeResult.decline("test:// needs a path: test:///default or test:///ABS/PATH.xml");
        }
        return ProbeResult.accept();
    }

    @Override
    public DriverConnection open(ConnectUri uri, DriverContext context) {
        return uri.path().equals(DEFAULT_PATH)
                ? TestConnection.builtInDefault(context)
                : new TestConnection(NodeFiles.read(Path.of(uri.path())), context);
    }

    @Override
    public Optional<String> hostDefaultUri() {
        return Optional.empty();
    }
}
