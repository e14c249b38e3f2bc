package org.jvirt.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.JvirtBootstrap;
import org.jvirt.protocol.Frame;
import org.jvirt.protocol.MessageStatus;
import org.jvirt.protocol.remote.RemoteError;
import org.jvirt.protocol.remote.RemoteProgram;

/**
 * A call that fails in a way nobody planned for, with an error of the JVM such as a class
 * missing from a jar replaced under the running daemon, is still answered (an internal error
 * naming it), and the daemon serves the client's next call. Without the answer the client
 * waited for ever (seen with virsh and jvirsh against a jvirtd whose jar was rebuilt).
 */
class UnexpectedFailureTest {
    @TempDir
    Path dir;

    @Test
    void aCallFailingWithAnErrorOfTheJvmIsAnsweredAndTheNextOneServed() throws Exception {
        Connection real = JvirtBootstrap.connectionFactory().open("test:///default", ConnectOptions.DEFAULT.directly());
        Connection failing = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("listDomains")) {
                        throw new NoClassDefFoundError("org/jvirt/Missing");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (DaemonHarness daemon = new DaemonHarness(dir, "", "test:///default", uri -> failing);
             RawClient c = new RawClient(daemon.rw()).open("test:///default")) {
            c.send(RemoteProgram.CONNECT_NUM_OF_DOMAINS, null);
            RemoteError e = RawClient.error(c.reply(5000));
            assertThat(e.message()).hasValueSatisfying(m -> assertThat(m)
                    .contains("internal error: CONNECT_NUM_OF_DOMAINS failed")
                    .contains("NoClassDefFoundError: org/jvirt/Missing"));
            c.send(RemoteProgram.CONNECT_GET_TYPE, null);
            Frame f = c.reply(5000);
            assertThat(f.header().status()).isEqualTo(MessageStatus.OK);
            assertThat(f.decode(RemoteProgram.CONNECT_GET_TYPE.result())).isEqualTo("TEST");
        } finally {
            real.close();
        }
    }
}
