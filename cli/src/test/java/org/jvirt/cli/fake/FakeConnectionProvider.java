package org.jvirt.cli.fake;

import org.jvirt.Connection;
import org.jvirt.cli.shell.ConnectionProvider;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * Serves {@code test:///default} (and no URI) from a fresh {@link FakeConnection}; any other
 * URI fails as an unknown driver would. Selected in a child JVM with
 * {@code -Djvirsh.connectionProvider=org.jvirt.cli.fake.FakeConnectionProvider}.
 */
public final class FakeConnectionProvider implements ConnectionProvider {
    @Override
    public Connection open(String uri, boolean readOnly) {
        if (uri == null || uri.equals("test:///default")) {
            return new FakeConnection("test:///default", readOnly);
        }
        throw VirtException.of(ErrorCode.NO_CONNECT, ErrorDomain.CONNECT,
                "no connection driver available for %s; registered drivers declined: test: not a test URI", uri);
    }
}
