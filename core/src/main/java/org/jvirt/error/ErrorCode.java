package org.jvirt.error;

import java.util.HashMap;
import java.util.Map;

/**
 * The stable category of a {@link VirtException}.
 *
 * <p>Numbers are fixed and append-only: once released a number never changes meaning and is
 * never reused. Codes that have a libvirt counterpart ({@code virErrorNumber}) share its number,
 * so applications moving from libvirt keep their mapping; codes that are jvirt's own start at
 * 1000. {@code ErrorCodeStabilityTest} pins every number.
 */
public enum ErrorCode {
    INTERNAL_ERROR(1, "internal error"),
    NO_MEMORY(2, "out of memory"),
    NO_SUPPORT(3, "this function is not supported by the connection driver"),
    UNKNOWN_HOST(4, "unknown host"),
    NO_CONNECT(5, "no connection driver available"),
    INVALID_CONN(6, "invalid connection pointer"),
    INVALID_DOMAIN(7, "invalid domain pointer"),
    INVALID_ARG(8, "invalid argument"),
    OPERATION_FAILED(9, "operation failed"),
    SYSTEM_ERROR(38, "system error"),
    XML_ERROR(27, "XML error"),
    NO_DOMAIN(42, "domain not found"),
    OPERATION_INVALID(55, "requested operation is not valid"),
    CONFIG_UNSUPPORTED(67, "unsupported configuration"),
    OPERATION_TIMEOUT(68, "timeout"),
    ARGUMENT_UNSUPPORTED(74, "argument unsupported"),
    OPERATION_UNSUPPORTED(84, "operation unsupported"),
    XML_DETAIL(35, "XML description is invalid or not well formed"),
    DOM_EXIST(28, "domain exists"),
    OPERATION_DENIED(29, "operation forbidden for read only access"),
    CONF_SYNTAX(33, "configuration file syntax error"),
    RPC(39, "RPC error"),
    AUTH_FAILED(45, "authentication failed"),

    // jvirt's own categories (docs/pinning.md#validation-rules), 1000 and up
    XML_INVALID(1000, "invalid XML"),
    VCPU_COUNT(1001, "invalid vCPU count"),
    VCPU_STATE(1002, "invalid vCPU state"),
    CPUSET_SYNTAX(1003, "invalid CPU set"),
    CPUSET_EMPTY(1004, "empty CPU set"),
    VCPU_ID(1005, "invalid vCPU id"),
    PIN_DUPLICATE(1006, "duplicate pin"),
    PIN_TARGET(1007, "invalid pin target"),
    TUNABLE_RANGE(1008, "tunable out of range"),
    NUMATUNE(1009, "invalid NUMA tuning"),
    HOST_CPU(1010, "host CPU not available"),
    NUMAD(1011, "numad placement failed"),
    NO_CGROUP(1012, "cgroup controller missing"),
    HOTPLUG_TARGET(1013, "vCPU hotplug target unreachable"),
    UNPLUG_TIMEOUT(1014, "vCPU unplug timed out"),
    NOT_RUNNING(1015, "domain is not running"),
    XML_TOO_LARGE(1016, "XML document too large"),
    INVALID_NAME(1017, "invalid domain name"),
    INVALID_UUID(1018, "invalid UUID"),
    INVALID_MEMORY(1019, "invalid memory size"),
    NO_HOST_DATA(1020, "host data unavailable"),
    EVENTS_MISSED(1021, "event subscriber fell behind");

    private static final Map<Integer, ErrorCode> BY_NUMBER = new HashMap<>();

    static {
        for (ErrorCode c : values()) {
            if (BY_NUMBER.put(c.number, c) != null) {
                throw new ExceptionInInitializerError("duplicate ErrorCode number " + c.number);
            }
        }
    }

    private final int number;
    private final String summary;

    ErrorCode(int number, String summary) {
        this.number = number;
        this.summary = summary;
    }

    /** The fixed, append-only number of this code. */
    public int number() {
        return number;
    }

    /** A short, generic description (the specific message is on the exception). */
    public String summary() {
        return summary;
    }

    /** The code with this number, or {@code null}. */
    public static ErrorCode ofNumber(int number) {
        return BY_NUMBER.get(number);
    }
}
