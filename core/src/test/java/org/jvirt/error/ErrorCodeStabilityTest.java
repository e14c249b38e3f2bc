package org.jvirt.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Error code numbers are part of the API: applications map them. This table pins every
 * released number; a renumbered or removed code fails here. A new code is appended to the enum
 * with a new number and added to this table.
 */
class ErrorCodeStabilityTest {
    private static final Map<String, Integer> RELEASED = Map.ofEntries(
            Map.entry("INTERNAL_ERROR", 1),
            Map.entry("NO_MEMORY", 2),
            Map.entry("NO_SUPPORT", 3),
            Map.entry("UNKNOWN_HOST", 4),
            Map.entry("NO_CONNECT", 5),
            Map.entry("INVALID_CONN", 6),
            Map.entry("INVALID_DOMAIN", 7),
            Map.entry("INVALID_ARG", 8),
            Map.entry("OPERATION_FAILED", 9),
            Map.entry("SYSTEM_ERROR", 38),
            Map.entry("XML_ERROR", 27),
            Map.entry("NO_DOMAIN", 42),
            Map.entry("OPERATION_INVALID", 55),
            Map.entry("CONFIG_UNSUPPORTED", 67),
            Map.entry("OPERATION_TIMEOUT", 68),
            Map.entry("ARGUMENT_UNSUPPORTED", 74),
            Map.entry("OPERATION_UNSUPPORTED", 84),
            Map.entry("XML_DETAIL", 35),
            Map.entry("DOM_EXIST", 28),
            Map.entry("OPERATION_DENIED", 29),
            Map.entry("CONF_SYNTAX", 33),
            Map.entry("RPC", 39),
            Map.entry("AUTH_FAILED", 45),
            Map.entry("XML_INVALID", 1000),
            Map.entry("VCPU_COUNT", 1001),
            Map.entry("VCPU_STATE", 1002),
            Map.entry("CPUSET_SYNTAX", 1003),
            Map.entry("CPUSET_EMPTY", 1004),
            Map.entry("VCPU_ID", 1005),
            Map.entry("PIN_DUPLICATE", 1006),
            Map.entry("PIN_TARGET", 1007),
            Map.entry("TUNABLE_RANGE", 1008),
            Map.entry("NUMATUNE", 1009),
            Map.entry("HOST_CPU", 1010),
            Map.entry("NUMAD", 1011),
            Map.entry("NO_CGROUP", 1012),
            Map.entry("HOTPLUG_TARGET", 1013),
            Map.entry("UNPLUG_TIMEOUT", 1014),
            Map.entry("NOT_RUNNING", 1015),
            Map.entry("XML_TOO_LARGE", 1016),
            Map.entry("INVALID_NAME", 1017),
            Map.entry("INVALID_UUID", 1018),
            Map.entry("INVALID_MEMORY", 1019),
            Map.entry("NO_HOST_DATA", 1020),
            Map.entry("EVENTS_MISSED", 1021));

    @Test
    void everyReleasedCodeKeepsItsNumber() {
        for (Map.Entry<String, Integer> e : RELEASED.entrySet()) {
            assertThat(ErrorCode.valueOf(e.getKey()).number()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(ErrorCode.ofNumber(e.getValue())).isEqualTo(ErrorCode.valueOf(e.getKey()));
        }
    }

    @Test
    void everyCodeIsInTheTableAndNumbersAreUnique() {
        Map<String, Integer> actual = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(Enum::name, ErrorCode::number, (a, b) -> a, LinkedHashMap::new));
        assertThat(actual).isEqualTo(RELEASED);
        assertThat(actual.values()).doesNotHaveDuplicates();
    }

    @Test
    void libvirtCountersKeepLibvirtNumbersAndOursStartAt1000() {
        assertThat(ErrorCode.NO_SUPPORT.number()).isEqualTo(3);
        assertThat(ErrorCode.NO_CONNECT.number()).isEqualTo(5);
        assertThat(ErrorCode.INVALID_ARG.number()).isEqualTo(8);
        assertThat(ErrorCode.XML_ERROR.number()).isEqualTo(27);
        assertThat(ErrorCode.NO_DOMAIN.number()).isEqualTo(42);
        assertThat(ErrorCode.OPERATION_INVALID.number()).isEqualTo(55);
        assertThat(ErrorCode.CONFIG_UNSUPPORTED.number()).isEqualTo(67);
        assertThat(ErrorCode.XML_INVALID.number()).isEqualTo(1000);
    }
}
