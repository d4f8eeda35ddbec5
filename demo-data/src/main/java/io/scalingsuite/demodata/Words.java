package io.scalingsuite.demodata;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/** The word lists in {@code seed/words.properties} that product and review text is drawn from. */
final class Words {

    private final Properties lists;

    private Words(Properties lists) {
        this.lists = lists;
    }

    static Words load() {
        var props = new Properties();
        try (InputStream in = Words.class.getResourceAsStream("/seed/words.properties")) {
            if (in == null) {
                throw new IllegalStateException("seed/words.properties missing from the classpath");
            }
            props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Words(props);
    }

    List<String> list(String key) {
        String value = lists.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no word list " + key);
        }
        return List.of(value.split(","));
    }

    static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }
}
