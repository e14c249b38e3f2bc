package org.jvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

/**
 * Every {@code domain-xml/fail/CASE.xml} is rejected with the ErrorCode and message fragment
 * listed in {@code fail/index.properties}, and the message says where (line and column).
 */
class FailTest {

    static Properties index() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(GoldenTest.dir("fail").resolve("index.properties"))) {
            p.load(r);
        }
        return p;
    }

    @TestFactory
    Stream<DynamicTest> everyFailingCaseGivesItsCodeAndSaysWhere() throws IOException {
        Properties index = index();
        return index.stringPropertyNames().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
            String[] expected = index.getProperty(name).split("\\|", 2);
            ErrorCode code = ErrorCode.valueOf(expected[0].trim());
            String fragment = expected[1].trim();
            String xml = Files.readString(GoldenTest.dir("fail").resolve(name + ".xml"));
            Throwable thrown = catchThrowable(() -> new DomainXml().read(xml));
            assertThat(thrown).as(name).isInstanceOf(VirtException.class);
            VirtException e = (VirtException) thrown;
            assertThat(e.code()).as(name + ": " + e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(fragment).containsPattern("line \\d+, column \\d+");
        }));
    }

    @Test
    void everyFailFileIsListedInTheIndex() throws IOException {
        Properties index = index();
        try (Stream<Path> files = Files.list(GoldenTest.dir("fail"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .forEach(n -> assertThat(index).containsKey(n.substring(0, n.length() - 4)));
        }
        assertThat(index).hasSizeGreaterThan(40);
    }
}
