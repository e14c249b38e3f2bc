package org.jvirt.protocol.remote;

import java.util.OptionalInt;

/**
 * jvirt's own error numbers (1000 and up: {@code VCPU_COUNT}, {@code NOT_RUNNING}, ...) across the
 * wire. libvirt's clients know only libvirt's numbers, so jvirtd puts the nearest libvirt number in
 * {@code code} (what virsh and python-libvirt read) and jvirt's own number in {@code int2}, which
 * libvirt leaves at -1 in its errors. A jvirt client reads it back with {@link #of}; any number
 * below 1000 there is not jvirt's and is ignored.
 */
public final class OwnErrorCodes {
    /** The first of jvirt's own numbers. */
    public static final int FIRST = 1000;

    private OwnErrorCodes() {
    }

    /** {@code error} carrying jvirt's own number {@code own} as well. */
    public static RemoteError with(RemoteError error, int own) {
        if (own < FIRST) {
            throw new IllegalArgumentException("not one of jvirt's own error numbers: " + own);
        }
        return new RemoteError(error.code(), error.domain(), error.message(), error.level(), error.dom(),
                error.str1(), error.str2(), error.str3(), error.int1(), own, error.net());
    }

    /** jvirt's own number, when the server that sent {@code error} added one. */
    public static OptionalInt of(RemoteError error) {
        return error.int2() >= FIRST ? OptionalInt.of(error.int2()) : OptionalInt.empty();
    }
}
