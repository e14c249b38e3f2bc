package org.jvirt.protocol;

/**
 * The bounds every decoder checks before it allocates, the same values libvirt 9.0 uses on the
 * wire so that whatever one side may send the other accepts.
 */
public final class Limits {
    /** Largest frame, its 4-byte length included. */
    public static final int MAX_FRAME = 32 * 1024 * 1024;
    /** Length word plus the six header words. */
    public static final int MIN_FRAME = 4 + Header.SIZE;
    /** Largest string (domain XML, capabilities, messages). */
    public static final int MAX_STRING = 4 * 1024 * 1024;
    public static final int MAX_DOMAIN_LIST = 16384;
    /** Bytes of one CPU bitmap (16384 CPUs). */
    public static final int MAX_CPUMAP = 2048;
    /** Bytes of the CPU bitmaps of all vCPUs of a domain. */
    public static final int MAX_CPUMAPS = 8 * 1024 * 1024;
    public static final int MAX_VCPUINFO = 16384;
    public static final int MAX_IOTHREAD_INFO = 16384;
    public static final int MAX_AUTH_TYPES = 20;
    public static final int MAX_SASL_DATA = 65536;
    public static final int MAX_TYPED_PARAMS = 2048;
    public static final int MAX_UUID_BYTES = 16;
    // added for jvirtd
    /** Bytes of a security model or DOI name, its final NUL included. */
    public static final int MAX_SECURITY_MODEL = 257;
    public static final int MAX_SECURITY_DOI = 257;
    public static final int MAX_SECURITY_LABEL = 4097;
    public static final int MAX_DOMAIN_MESSAGES = 2048;

    private Limits() {
    }
}
