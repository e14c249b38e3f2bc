package org.jvirt.driver.qemu.it;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.driver.qemu.RealHost;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcFs;

/**
 * Base of the real-QEMU tests: gated on the host and swept before and after the class
 * ({@link QemuSweep}), and a fresh connection for each test whose domains are destroyed,
 * undefined and swept after it.
 */
@ExtendWith(QemuSweep.class)
abstract class QemuItBase {
    Connection conn;
    final ProcFs proc = ProcFs.host();

    @BeforeEach
    void open() {
        conn = QemuTestEnv.connect(settings());
    }

    /** The qemu.conf of this class's connections. */
    QemuSettings settings() {
        return QemuTestEnv.settings();
    }

    @AfterEach
    void close() throws Exception {
        try {
            for (Domain d : conn.listDomains()) {
                try {
                    if (d.isActive()) {
                        d.destroy();
                    }
                    d.undefine();
                } catch (VirtException ignored) {
                    // gone
                }
            }
        } finally {
            conn.close();
            QemuTestEnv.sweep();
        }
    }

    static String type() {
        return RealHost.kvm() ? "kvm" : "qemu";
    }

    long pid(Domain d) throws Exception {
        return Long.parseLong(Files.readString(QemuTestEnv.ROOT.resolve("run/" + d.name() + ".d/qemu.pid")).strip());
    }
}
