package io.scalingsuite.catalog.events;

/** A Redis Stream entry id, {@code <ms>-<seq>}: the time of the server that added it and a counter within that ms. */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    static StreamId parse(String id) {
        int dash = id.indexOf('-');
        if (dash < 0) {
            return new StreamId(Long.parseLong(id), 0);
        }
        return new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
    }

    /** The first id of a millisecond: {@code XTRIM MINID} with it keeps that millisecond and later. */
    static StreamId at(long millis) {
        return new StreamId(millis, 0);
    }

    @Override
    public int compareTo(StreamId other) {
        int byTime = Long.compare(millis, other.millis);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
