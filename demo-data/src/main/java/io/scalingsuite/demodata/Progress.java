package io.scalingsuite.demodata;

/**
 * A progress bar on stderr, e.g. {@code [#####     ]  52% products 52000/100000}. On a terminal it redraws
 * one line; in a log file it writes a line per tenth so the log stays short.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final boolean terminal = System.console() != null;
    private int shown = -1;

    Progress(String label, long total) {
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        boolean due = terminal ? percent != shown : percent / 10 != shown / 10 || shown < 0;
        if (!due) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        String bar = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%% %s %d/%d", percent, label, done, total);
        if (terminal) {
            System.err.print("\r" + bar + (done >= total ? "\n" : ""));
        } else {
            System.err.println(bar);
        }
        System.err.flush();
    }
}
