package org.jvirt.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Java block of the documentation as a class to compile. A block that declares a type is
 * compiled as it is (and run through its {@code main} if it has one). Any other block is a
 * snippet: its {@code import} lines, then statements, which become the body of
 * {@code static void run()}; it runs in a directory that holds {@code web.xml}, a domain
 * definition.
 */
record JavaExample(String className, String source, boolean snippet) {
    private static final Pattern TYPE = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|interface|enum)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+[\\w.]+;");

    static JavaExample of(MarkdownBlock block, String className) {
        String code = block.code();
        var type = TYPE.matcher(code);
        if (type.find()) {
            if (PACKAGE.matcher(code).find()) {
                throw new IllegalArgumentException("a complete example keeps to the default package: " + className);
            }
            String declared = type.group(4);
            return new JavaExample(declared, code, false);
        }
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : code.split("\n", -1)) {
            if (body.isEmpty() && (line.startsWith("import ") || line.isBlank())) {
                imports.add(line);
            } else {
                body.add("        " + line);
            }
        }
        String source = String.join("\n", imports) + "\n"
                + "public final class " + className + " {\n"
                + "    public static void run() throws Exception {\n"
                + String.join("\n", body) + "\n"
                + "    }\n"
                + "}\n";
        return new JavaExample(className, source, true);
    }
}
