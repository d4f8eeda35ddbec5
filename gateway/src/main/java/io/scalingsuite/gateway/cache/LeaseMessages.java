package io.scalingsuite.gateway.cache;

/**
 * The {@link NearLease} protocol's messages on the near-cache channel, all starting with {@value #PREFIX} so that
 * no replica takes them for tags:
 * <ul>
 * <li>{@code ~lease:<replica>:<n>}: a ping, which only its sender acts on;</li>
 * <li>{@code ~lease:<replica>:fence:<n>}: published by a writing replica after its purge;</li>
 * <li>{@code ~lease:<replica>:ack:<writer>:<n>}: the replica received the writer's fence, so every purge before
 * it.</li>
 * </ul>
 * Replicas of an earlier version know pings only and ignore the rest: their writers wait the lease, and writers of
 * this version wait the lease for them, since they never acknowledge.
 */
final class LeaseMessages {

    static final String PREFIX = "~lease:";

    enum Kind {
        PING, FENCE, ACK, OTHER
    }

    /**
     * A message: {@code replica} is its sender; for an ack, {@code forMe} says it acknowledges one of this replica's
     * fences, numbered {@code number}.
     */
    record Parsed(Kind kind, String replica, long number, boolean mine, boolean forMe) {
    }

    private final String self;

    LeaseMessages(String self) {
        this.self = self;
    }

    String ping(long n) {
        return PREFIX + self + ":" + n;
    }

    String fence(long n) {
        return PREFIX + self + ":fence:" + n;
    }

    String ack(String writer, long n) {
        return PREFIX + self + ":ack:" + writer + ":" + n;
    }

    /** The message, or null if it is none of the lease's (a tag list). */
    Parsed parse(String message) {
        if (!message.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = message.substring(PREFIX.length()).split(":");
        try {
            boolean mine = self.equals(parts[0]);
            if (parts.length == 2) {
                return new Parsed(Kind.PING, parts[0], Long.parseLong(parts[1]), mine, false);
            }
            if (parts.length == 3 && "fence".equals(parts[1])) {
                return new Parsed(Kind.FENCE, parts[0], Long.parseLong(parts[2]), mine, false);
            }
            if (parts.length == 4 && "ack".equals(parts[1])) {
                return new Parsed(Kind.ACK, parts[0], Long.parseLong(parts[3]), mine, self.equals(parts[2]));
            }
        } catch (NumberFormatException e) {
            // a later version's message
        }
        return new Parsed(Kind.OTHER, parts[0], 0, false, false);
    }
}
