package org.jvirt.driver.lxc;

import java.nio.file.Path;
import java.util.Map;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.spi.Environment;
import org.jvirt.connect.JvirtBootstrap;

/**
 * Run in a second JVM by {@link ReconnectTest}: {@code ReconnectMain CONF_DIR NAME} connects,
 * prints what it found, destroys the container and prints its state.
 */
public final class ReconnectMain {
    private ReconnectMain() {
    }

    public static void main(String[] args) {
        Environment env = Environment.of(Map.of("JVIRT_CONF_DIR", Path.of(args[0]).toString()));
        try (Connection c = JvirtBootstrap.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), Environment.class).setBinding().toInstance(env);
            }
        }).getInstance(ConnectionFactory.class).open("lxc:///system", ConnectOptions.DEFAULT)) {
            Domain d = c.lookupByName(args[1]);
            if (args.length > 2 && args[2].equals("start")) {
                d.start(); // and leave it running: closing the connection keeps the container
                System.out.println("started " + d.state().state());
                return;
            }
            System.out.println("found " + d.state().state() + " id=" + d.id().orElse(-1) + " persistent="
                    + d.isPersistent() + " vcpus=" + d.vcpuCount().currentLive().orElse(-1));
            d.destroy();
            System.out.println("after " + d.state().state() + " " + d.state().reason());
        }
    }
}
