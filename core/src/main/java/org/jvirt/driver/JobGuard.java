package org.jvirt.driver;

/** A held job guard ({@link Hypervisor#jobGuard}); closing releases it. Never throws on close. */
@FunctionalInterface
public interface JobGuard extends AutoCloseable {
    /** Guards nothing. */
    JobGuard NONE = () -> { };

    @Override
    void close();
}
