package org.jvirt.driver.qemu.monitor;

/**
 * Receives what QEMU says on its own. Called on the client's dispatch thread (never the reader
 * thread), one call at a time, in arrival order; it may issue monitor commands.
 */
public interface QmpListener {
    void event(QmpEvent event);

    /** The monitor hit end of file without {@link QmpClient#close()}: QEMU is gone. */
    void closed();

    QmpListener NONE = new QmpListener() {
        @Override
        public void event(QmpEvent event) {
            // ignored
        }

        @Override
        public void closed() {
            // ignored
        }
    };
}
