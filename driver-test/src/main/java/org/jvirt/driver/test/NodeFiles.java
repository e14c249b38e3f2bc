package org.jvirt.driver.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;
import org.jvirt.xml.NodeDocument;
import org.jvirt.xml.NodeXml;
import org.jvirt.xml.SafeXml;
import org.jvirt.xml.XmlLimits;

/** A test driver node file ({@code test:///ABS/PATH.xml}; the built-in default is {@link DefaultNode}). */
final class NodeFiles {
    private NodeFiles() {
    }

    static NodeDocument read(Path file) {
        if (!file.isAbsolute()) {
            throw VirtException.of(ErrorCode.XML_ERROR, ErrorDomain.TEST,
                    "test node file %s: the node file path must be absolute (test:///ABS/PATH.xml)", file);
        }
        try {
            SafeXml.checkSize(Files.size(file), XmlLimits.DEFAULT);
            return NodeXml.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new VirtException(ErrorCode.NO_CONNECT, ErrorDomain.TEST,
                    "cannot read test node file " + file + ": " + IoReason.of(e), e);
        }
    }
}
