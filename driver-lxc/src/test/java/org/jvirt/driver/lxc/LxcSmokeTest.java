package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;

class LxcSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void startAndDestroy() throws Exception {
        LxcTestHost h = LxcTestHost.create(tmp.resolve("h"));
        try (Connection c = h.connect()) {
            Domain d = c.defineXml(Defs.xml(LxcTestHost.PREFIX + "smoke", "<vcpu cpuset='1' current='1'>2</vcpu>", "",
                    "<os><type>exe</type><init>/bin/sleep</init><initarg>1000</initarg></os>", ""));
            long t0 = System.nanoTime();
            d.start();
            System.out.println("start ms " + (System.nanoTime() - t0) / 1e6);
            assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
            System.out.println(Files.readString(h.logDir.resolve(d.name() + ".log")));
            d.destroy();
            assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        } finally {
            h.close();
        }
    }
}
