package io.scalingsuite.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** What one class logs while it is open, as the application's log handlers receive it (MDC included). */
final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            ExtLogRecord extended = (ExtLogRecord) record;
            extended.copyAll(); // the logging thread's MDC, kept for the test thread to read
            records.add(extended);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        logger.addHandler(handler);
    }

    static CapturedLog of(Class<?> source) {
        return new CapturedLog(source);
    }

    List<ExtLogRecord> records() {
        return List.copyOf(records);
    }

    /** Each record's message with its parameters filled in. */
    List<String> messages() {
        return records.stream().map(ExtLogRecord::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
