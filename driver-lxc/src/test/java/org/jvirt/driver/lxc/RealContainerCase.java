package org.jvirt.driver.lxc;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.jvirt.Domain;

/**
 * A class of real-container tests: one test host per class (requirements checked, leftovers swept
 * before and after), a connection per test, every container destroyed after it.
 */
abstract class RealContainerCase extends RealContainerSupport {
    @BeforeAll
    static void setUpHost() throws Exception {
        host = LxcTestHost.create(Files.createTempDirectory("jvit-lxc-"));
        cg = LxcTestHost.backend();
    }

    @AfterAll
    static void tearDownHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @BeforeEach
    void open() {
        conn = host.connect();
    }

    @AfterEach
    void close() {
        try {
            for (Domain d : conn.listDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
        } finally {
            conn.close();
            LxcTestHost.sweep();
        }
    }
}
