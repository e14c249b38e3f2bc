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
 * Connections through the drivers on the class path. Building the injector starts on a second
 * thread as soon as the provider exists, while the shell parses its arguments; a command that
 * needs the connection before the injector is ready uses the wait to load and run the XML
 * parser once, which opening the connection needs next.
 */
public final class JvirtConnectionProvider implements ConnectionProvider {
    private static final String WARM_UP_XML =
            "<domain type='test'><name>warm-up</name><uuid>00000000-0000-0000-0000-000000000001</uuid>"
                    + "<memory>1024</memory><os><type>hvm</type></os></domain>";

    private final CompletableFuture<ConnectionFactory> factory;

    public JvirtConnectionProvider() {
        this.factory = CompletableFuture.supplyAsync(
                () -> JvirtBootstrap.createInjector().getInstance(ConnectionFactory.class), daemon("jvirsh-bootstrap"));
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
        if (!factory.isDone()) {
            warmUpXml();
        }
        ConnectionFactory f;
        try {
            f = factory.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return f.open(uri, readOnly ? ConnectOptions.READ_ONLY : ConnectOptions.DEFAULT);
    }
}
