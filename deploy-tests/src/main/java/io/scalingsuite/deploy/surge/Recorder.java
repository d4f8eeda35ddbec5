package io.scalingsuite.deploy.surge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends tab-separated lines to the run's files in its work directory (timeline, HPA decisions, phases). */
final class Recorder {

    private final Path dir;

    Recorder(Path dir) {
        this.dir = dir;
    }

    synchronized void append(String file, Object... columns) {
        StringBuilder line = new StringBuilder();
        for (Object column : columns) {
            line.append(line.isEmpty() ? "" : "\t").append(column);
        }
        try {
            Files.writeString(dir.resolve(file), line.append('\n'), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double epoch() {
        return System.currentTimeMillis() / 1000.0;
    }
}
