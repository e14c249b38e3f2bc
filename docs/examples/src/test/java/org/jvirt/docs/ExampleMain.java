package org.jvirt.docs;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Runs one compiled example in a JVM of its own, whose working directory holds {@code web.xml}:
 * a complete example through its {@code main}, a snippet through its {@code run()}.
 */
public final class ExampleMain {
    private ExampleMain() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> example = Class.forName(args[0]);
        Method main = mainOf(example);
        if (main != null) {
            main.invoke(null, (Object) new String[0]);
            return;
        }
        example.getMethod("run").invoke(null);
    }

    private static Method mainOf(Class<?> c) {
        try {
            Method m = c.getDeclaredMethod("main", String[].class);
            return Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
