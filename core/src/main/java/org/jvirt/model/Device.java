package org.jvirt.model;

import java.util.Optional;

/**
 * One child of {@code <devices>}. Devices of families the model does not know stay opaque in
 * {@link Devices#extras()}; those of a known family in a variant it does not know are an
 * {@link OpaqueDevice}.
 */
public sealed interface Device
        permits Disk, Filesystem, NetInterface, Controller, Input, Graphics, Video, CharDevice, MemBalloon,
        Rng, Watchdog, OpaqueDevice {

    /** The element name ({@code disk}, {@code interface}, ...). */
    String elementName();

    /** {@code <address type .../>}, when given. */
    Optional<Address> address();

    /** What the element carried that the model does not know. */
    Extras extras();
}
