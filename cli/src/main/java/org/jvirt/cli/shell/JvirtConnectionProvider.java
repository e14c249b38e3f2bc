package org.jvirt.cli.shell;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.xml.DomainXml;

/**
 * Connections through the drivers on the class path. Building the injector (and warming the
 * XML parser) starts on a second thread as soon as the provider exists, while the shell parses
 * its arguments: a one-shot command then waits only for what is left of it.
 */
public final class JvirtConnectionProvider implements ConnectionProvider {
    private static final String WARM_UP_XML =
            "<domain type='test'><name>warm-up</name><memory>1024</memory><os><type>hvm</type></os></domain>";

    private final CompletableFuture<ConnectionFactory> factory;

    public JvirtConnectionProvider() {
        this.factory = CompletableFuture.supplyAsync(
                () -> JvirtBootstrap.createInjector().getInstance(ConnectionFactory.class), daemon("jvirsh-bootstrap"));
        CompletableFuture.runAsync(JvirtConnectionProvider::warmUpXml, daemon("jvirsh-warm-up"));
    }

    private static Executor daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** Loads and runs the XML parser once; a failure here only means no head start. */
    private static void warmUpXml() {
        try {
            new DomainXml().read(WARM_UP_XML);
        } catch (RuntimeException ignored) {
            // the real parse reports any problem
        }
    }

    @Override
    public Connection open(String uri, boolean readOnly) {
        ConnectionFactory f;
        try {
            f = factory.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return f.open(uri, readOnly ? ConnectOptions.READ_ONLY : ConnectOptions.DEFAULT);
    }
}
