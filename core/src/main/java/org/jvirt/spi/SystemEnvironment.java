package org.jvirt.spi;

import java.util.Optional;

/**
 * {@link Environment#system()}: a class rather than a lambda, since every one-shot command reads
 * the environment and on JDK 17 a lambda links its call site at run time (docs/benchmarks.md).
 */
final class SystemEnvironment implements Environment {
    static final SystemEnvironment INSTANCE = new SystemEnvironment();

    private SystemEnvironment() {
    }

    @Override
    public Optional<String> get(String name) {
        return Environment.nonEmpty(System.getenv(name));
    }
}
