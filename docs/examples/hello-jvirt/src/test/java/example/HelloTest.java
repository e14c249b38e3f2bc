package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HelloTest {
    @Test
    void pinsOneVcpuAndTheHotPluggedOnesInheritTheDomainsCpuset() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hello.run("test:///default", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("""
                hello on test:///default: running (booted)
                vCPU 0: 2-3 (EXPLICIT_PIN)
                vCPU 1: 4-7 (VCPU_CPUSET)
                vCPU 2: 4-7 (VCPU_CPUSET)
                vCPU 3: 4-7 (VCPU_CPUSET)
                """, bytes.toString(StandardCharsets.UTF_8));
    }
}
