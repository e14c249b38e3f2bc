package org.jvirt.cli.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds the words of one command to its options the way virsh does: {@code --name value},
 * {@code --name=value}, bare data filling the positional options in order, then the argv
 * option (also given word by word as {@code --name value}); {@code --} makes every later word
 * data. Errors carry virsh's wording.
 */
public final class ArgBinder {
    private ArgBinder() {
    }

    /**
     * @param command the command's name as typed (for messages)
     * @param options the command's options, positional ones in position order
     * @param words   the words after the command name
     */
    public static ParsedCommand bind(String command, List<OptionSpec> options, List<String> words) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> argv = new ArrayList<>();
        boolean dataOnly = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!dataOnly && word.equals("--")) {
                dataOnly = true;
                continue;
            }
            if (!dataOnly && word.startsWith("--") && word.length() > 2) {
                String name = word.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                OptionSpec opt = OptionSpec.find(options, name).orElseThrow(() -> new ParseException(
                        "command '" + command + "' doesn't support option " + word.split("=", 2)[0]));
                if (opt.kind() == OptionSpec.Kind.ARGV) { // --cmd x --cmd y: each adds a word
                    if (inline != null) {
                        argv.add(inline);
                    } else if (i + 1 < words.size()) {
                        argv.add(words.get(++i));
                    } else {
                        throw new ParseException("expected syntax: --" + opt.name() + " " + opt.kind().label());
                    }
                    continue;
                }
                if (flags.contains(opt.name()) || values.containsKey(opt.name())) {
                    throw new ParseException("option --" + opt.name() + " already seen");
                }
                if (!opt.takesValue()) {
                    if (inline != null) {
                        throw new ParseException("invalid '=' after option --" + opt.name());
                    }
                    flags.add(opt.name());
                } else if (inline != null) {
                    values.put(opt.name(), inline);
                } else if (i + 1 < words.size()) {
                    values.put(opt.name(), words.get(++i));
                } else {
                    throw new ParseException("expected syntax: --" + opt.name() + " " + opt.kind().label());
                }
                continue;
            }
            OptionSpec slot = freeSlot(options, values);
            if (slot != null) {
                values.put(slot.name(), word);
            } else if (takesArgv(options)) {
                argv.add(word);
            } else {
                throw new ParseException("unexpected data '" + word + "'");
            }
        }
        for (OptionSpec o : options) {
            boolean missing = o.kind() == OptionSpec.Kind.ARGV ? argv.isEmpty() : !values.containsKey(o.name());
            if (o.required() && missing) {
                throw new ParseException("command '" + command + "' requires <" + o.name() + "> option");
            }
        }
        return new ParsedCommand(command, values, flags, argv);
    }

    /** The first positional option with a value that has none yet, or null (loops, as OptionSpec.find). */
    private static OptionSpec freeSlot(List<OptionSpec> options, Map<String, String> values) {
        for (OptionSpec o : options) {
            if (o.positional() && o.kind() != OptionSpec.Kind.ARGV && o.takesValue() && !values.containsKey(o.name())) {
                return o;
            }
        }
        return null;
    }

    private static boolean takesArgv(List<OptionSpec> options) {
        for (OptionSpec o : options) {
            if (o.kind() == OptionSpec.Kind.ARGV) {
                return true;
            }
        }
        return false;
    }
}
