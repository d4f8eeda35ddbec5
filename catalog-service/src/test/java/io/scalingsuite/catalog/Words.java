package io.scalingsuite.catalog;

import java.util.UUID;

/** Made-up words no other test's products hold, so a search finds only what its own test created. */
final class Words {

    private Words() {
    }

    /** Twelve letters, starting "zq": no English word, no stemming surprise worth worrying about. */
    static String unique() {
        StringBuilder word = new StringBuilder("zq");
        String hex = UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + Character.digit(hex.charAt(i), 16)));
        }
        return word.toString();
    }
}
