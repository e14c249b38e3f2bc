package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jvirt.Connection;
import org.jvirt.conf.ConfFile;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.daemon.conf.DaemonConf;

/** A jvirtd in this JVM on sockets in a temp dir, serving test:///default and node files. */
final class DaemonHarness implements AutoCloseable {
    final Path dir;
    final Server server;

    DaemonHarness(Path dir, String extraConf) throws IOException {
        this(dir, extraConf, "test:///default",
                uri -> JvirtBootstrap.connectionFactory().open(uri, ConnectOptions.DEFAULT.directly()));
    }

    /** A daemon serving only {@code uri}, its connection made by {@code opener}. */
    DaemonHarness(Path dir, String extraConf, String uri, java.util.function.Function<String, Connection> opener)
            throws IOException {
        this.dir = dir;
        String conf = "uris = [ \"" + uri + "\" ]\n"
                + "unix_sock_rw = \"" + dir.resolve("sock") + "\"\n"
                + "unix_sock_ro = \"" + dir.resolve("sock-ro") + "\"\n"
                + "pid_file = \"" + dir.resolve("jvirtd.pid") + "\"\n" + extraConf;
        this.server = new Server(DaemonConf.of(ConfFile.parse(conf, "test jvirtd.conf")), opener);
        List<String> failed = server.start();
        if (!failed.isEmpty()) {
            server.close();
            throw new IOException("cannot open " + failed);
        }
    }

    static DaemonHarness start(Path dir) throws IOException {
        return new DaemonHarness(dir, "");
    }

    Path rw() {
        return dir.resolve("sock");
    }

    Path ro() {
        return dir.resolve("sock-ro");
    }

    /** The URI a libvirt client uses to reach this daemon's test driver. */
    String uri(String driverUri) {
        return driverUri.replaceFirst("^([a-z]+):", "$1+unix:") + "?socket=" + rw();
    }

    Connection driver() {
        return server.driver("test:///default").orElseThrow();
    }

    Connection driver(String uri) {
        return server.driver(uri).orElseThrow();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(dir.resolve("jvirtd.pid"));
    }
}
