package io.scalingsuite.catalog.events;

import io.scalingsuite.contracts.events.StreamFields;

/**
 * The Lua scripts {@link OutboxStream} runs. Each touches only the stream's key, so they run unchanged on a
 * standalone Redis, a Sentinel master and a Cluster; each is atomic, so a check and what depends on it see one
 * state of the stream.
 */
final class StreamScripts {

    /** Helpers every script starts with. {@code acked(key)}: see {@link OutboxStream#acknowledgedBelow}. */
    private static final String PRELUDE = """
            local function split(id)
              local dash = string.find(id, '-', 1, true)
              return string.sub(id, 1, dash - 1), string.sub(id, dash + 1)
            end
            local function less(a, b)
              local am, as = split(a)
              local bm, bs = split(b)
              am, bm = tonumber(am), tonumber(bm)
              return am < bm or (am == bm and tonumber(as) < tonumber(bs))
            end
            local function present(key, id, eventId)
              local found = redis.call('XRANGE', key, id, id)
              if #found == 0 then return false end
              local fields = found[1][2]
              for i = 1, #fields, 2 do
                if fields[i] == '%s' then return fields[i + 1] == eventId end
              end
              return false
            end
            local function acked(key)
              if redis.call('EXISTS', key) == 0 then return false end
              local groups = redis.call('XINFO', 'GROUPS', key)
              local bound = false
              for _, group in ipairs(groups) do
                local name, last
                for i = 1, #group, 2 do
                  if group[i] == 'name' then name = group[i + 1] end
                  if group[i] == 'last-delivered-id' then last = group[i + 1] end
                end
                local ms, seq = split(last)
                local below = ms .. '-' .. (tonumber(seq) + 1)
                local pending = redis.call('XPENDING', key, name)
                if pending[1] > 0 and less(pending[2], below) then below = pending[2] end
                if not bound or less(below, bound) then bound = below end
              end
              return bound
            end
            local key = KEYS[1]
            """.formatted(StreamFields.EVENT_ID);

    /**
     * ARGV: newest published id (or ''), its event id, then per entry the number of its field and value arguments
     * followed by them (entries differ: the trace context fields are optional).
     */
    static final String APPEND = PRELUDE + """
            if ARGV[1] ~= '' and not present(key, ARGV[1], ARGV[2]) then return -1 end
            local ids = {}
            local i = 3
            while i <= #ARGV do
              local width = tonumber(ARGV[i])
              ids[#ids + 1] = redis.call('XADD', key, '*', unpack(ARGV, i + 1, i + width))
              i = i + width + 1
            end
            return ids
            """;

    /** ARGV: newest published id (or ''), its event id. -1 if that entry is gone, else acked(key) (nil for none). */
    static final String ACKNOWLEDGED = PRELUDE + """
            if ARGV[1] ~= '' and not present(key, ARGV[1], ARGV[2]) then return -1 end
            return acked(key)
            """;

    /** ARGV: id, event id, id, event id, ... Returns the 1-based positions of the pairs whose entry is gone. */
    static final String MISSING = PRELUDE + """
            local gone = {}
            for i = 1, #ARGV, 2 do
              if not present(key, ARGV[i], ARGV[i + 1]) then gone[#gone + 1] = (i + 1) / 2 end
            end
            return gone
            """;

    /**
     * ARGV: the id to keep at least (oldest row catalog still holds, or the newest entries), the retention
     * window's start. Trims to what every group acknowledged, but never past the first argument, and always
     * past the window. Returns {trimmed, length}.
     */
    static final String TRIM = PRELUDE + """
            if redis.call('EXISTS', key) == 0 then return {0, 0} end
            local target = acked(key)
            if target and less(ARGV[1], target) then target = ARGV[1] end
            if not target or less(target, ARGV[2]) then target = ARGV[2] end
            local trimmed = redis.call('XTRIM', key, 'MINID', target)
            return {trimmed, redis.call('XLEN', key)}
            """;

    private StreamScripts() {
    }
}
