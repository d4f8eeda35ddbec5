package io.scalingsuite.devinfra;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and bare {@code --flag}s, checked against what a main accepts. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Args() {
    }

    /** Parses args; options in {@code flagNames} take no value, the others in {@code optionNames} take one. */
    public static Args parse(String[] args, Set<String> optionNames, Set<String> flagNames) {
        var parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (flagNames.contains(name)) {
                parsed.flags.add(name);
            } else if (optionNames.contains(name) && i + 1 < args.length) {
                parsed.values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + name
                        + " (accepted: " + optionNames + " " + flagNames + ")");
            }
        }
        return parsed;
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String require(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    public boolean has(String name) {
        return flags.contains(name) || values.containsKey(name);
    }
}
