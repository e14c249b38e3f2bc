package org.jvirt.daemon.rpc;

import java.util.BitSet;

/**
 * Which numbers of the REMOTE program are calls in libvirt 9.0 (observed: libvirtd answers every
 * other number with "unknown procedure"). jvirtd answers a call it does not serve with NO_SUPPORT
 * when libvirt has it, and with "unknown procedure" otherwise, as libvirtd would.
 */
final class LibvirtProcedures {
    /** The highest call number of libvirt 9.0. */
    static final int LAST = 443;
    /** Numbers up to {@link #LAST} that are not calls (unused, or events the server sends). */
    private static final int[] NOT_CALLS = {0, 107, 169, 170, 171, 172, 173, 195, 224, 241, 248, 268, 269, 270, 276,
        292, 311, 315, 318, 319, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 333, 339, 346, 348,
        354, 359, 362, 363, 367, 370, 373, 376, 377, 379, 382, 383, 385, 423, 438};
    private static final BitSet CALLS = new BitSet(LAST + 1);

    static {
        CALLS.set(1, LAST + 1);
        for (int n : NOT_CALLS) {
            CALLS.clear(n);
        }
    }

    private LibvirtProcedures() {
    }

    static boolean isCall(int procedure) {
        return procedure > 0 && procedure <= LAST && CALLS.get(procedure);
    }
}
