package org.jvirt.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class StatFieldsTest {
    /** Field n of a stat line the plain way: split what follows the last ')' at white space. */
    private static String bySplitting(String line, int n) {
        String[] f = line.substring(line.lastIndexOf(')') + 1).trim().split("\\s+");
        return n - 3 < f.length && !f[0].isEmpty() ? f[n - 3] : null;
    }

    @Test
    void findsTheFieldsSplittingFinds() {
        Random random = new Random(7_2026L);
        String nameChars = "ab ()) (c\t";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder line = new StringBuilder().append(random.nextInt(100_000)).append(" (");
            for (int i = random.nextInt(12); i > 0; i--) {
                line.append(nameChars.charAt(random.nextInt(nameChars.length())));
            }
            line.append(')');
            int fields = random.nextInt(55);
            for (int i = 0; i < fields; i++) {
                line.append(" ".repeat(1 + (random.nextInt(10) == 0 ? 1 : 0)))
                        .append(i == 0 ? "SRZ".charAt(random.nextInt(3)) : random.nextInt(1_000_000));
            }
            if (random.nextBoolean()) {
                line.append('\n');
            }
            String text = line.toString();
            int[] wanted = {3, 14, 15, 22, 39};
            String[] found = StatFields.of(text, wanted);
            for (int i = 0; i < wanted.length; i++) {
                assertThat(found[i]).as("field %d of %s", wanted[i], text).isEqualTo(bySplitting(text, wanted[i]));
            }
            assertThat(StatFields.count(text)).as(text).isEqualTo(2 + fields);
        }
        assertThat(StatFields.of("12 no parenthesis", 3)).isNull();
    }
}
