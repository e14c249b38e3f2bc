package org.jvirt.protocol.remote;

import org.jvirt.protocol.Program;

/** Programs other than REMOTE and KEEPALIVE that share a libvirt socket (not spoken by jvirt). */
public final class Programs {
    public static final Program QEMU = new Program("QEMU", 0x20008087, 1);
    public static final Program LXC = new Program("LXC", 0x00068000, 1);

    private Programs() {
    }
}
