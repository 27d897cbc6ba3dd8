package io.loginguard.auth.admission;

/**
 * The gate's Lua scripts. Each touches one account's hash only ({@code <prefix>{<account key>}:gate}, a hash tag),
 * so the gate runs unchanged on Redis Cluster. The hash holds:
 * <ul>
 * <li>{@code seq}: the last sequence number issued: {@code max(seq + 1, now in ms × 1000)}, so numbers only grow
 * and a hash that was lost and re-created never issues one again;</li>
 * <li>{@code f:<seq>} (a password check) or {@code s:<seq>} (a second-factor check): one field per admitted attempt
 * risk has not answered yet, {@code <admittedAt>:<publishedAt>:<token>}
 * (publishedAt 0 until the broker acknowledged the event; the token is the admitting node's, so a node whose ADMIT
 * timed out can release the slot it may have taken). In flight, each counts as a failure;</li>
 * <li>{@code v}, {@code failures}, {@code left}, {@code failures2}, {@code left2}, {@code lockedUntil}: risk's newest
 * view of the account, from its verdicts and its compacted state, kept by version: {@code left} is how many
 * password checks risk still allows, {@code left2} how many second-factor checks (counted apart; one lock);</li>
 * <li>{@code sources}: lockout mode account-and-source, the sources risk has locked ({@code <digest>=<until>;...},
 * digests of device and address, {@code LoginSource}), from the same records and versions: a password check from one
 * of them is refused before any hash, as risk would refuse it.</li>
 * </ul>
 * An in-flight attempt is given up, and reported, when it can no longer be answered: never published within the
 * lost-attempt timeout (auth died, or the broker refused it), or published and then passed by the pipeline itself
 * (a heartbeat sent through the same partition at least the grace time later has been answered by risk: Kafka no
 * longer holds the attempt, risk dead-lettered it, or the cluster was replaced). A risk outage answers no
 * heartbeat, so it never gives anything up and the gate stays closed however long it lasts.
 * A hash with nothing in flight and nothing to remember expires after the idle TTL; any other never expires.
 * All times are epoch milliseconds.
 */
final class GateScripts {
    private GateScripts() {
    }

    /**
     * Sets the TTL: none while the hash remembers something a fresh hash would not, unless the TTL is forced (keys
     * of identifiers with no account: nothing to protect there, and attackers choose how many there are).
     */
    /** Parses a flight's value: admittedAt, publishedAt, token ('' for slots written before tokens). */
    private static final String FLIGHT = """
            local function flight(val)
              local a = string.find(val, ':', 1, true)
              local b = string.find(val, ':', a + 1, true)
              local published = b and string.sub(val, a + 1, b - 1) or string.sub(val, a + 1)
              return tonumber(string.sub(val, 1, a - 1)), tonumber(published), b and string.sub(val, b + 1) or ''
            end
            """;

    private static final String KEEP_OR_EXPIRE = """
            local function is_flight(f)
              local p = string.sub(f, 1, 2)
              return p == 'f:' or p == 's:'
            end
            local function keep_or_expire(h, now, ttl, force)
              if force == '1' then redis.call('PEXPIRE', h, ttl); return end
              local v = redis.call('HMGET', h, 'failures', 'lockedUntil', 'failures2', 'sources')
              local dirty = (tonumber(v[1]) or 0) > 0 or (tonumber(v[2]) or 0) > now or (tonumber(v[3]) or 0) > 0
              if v[4] then
                for ends in string.gmatch(v[4], '=(%d+)') do
                  if tonumber(ends) > now then dirty = true end
                end
              end
              local fields = redis.call('HKEYS', h)
              for _, f in ipairs(fields) do
                if is_flight(f) then dirty = true end
              end
              if dirty then redis.call('PERSIST', h) else redis.call('PEXPIRE', h, ttl) end
            end
            """;

    /**
     * KEYS[1] the account's gate hash. ARGV: now, confirmation timeout, fail closed (1/0), lost-attempt timeout,
     * ceiling (most checks in flight), default checks left (risk's threshold; -1 unknown), partition watermark
     * (send time of the newest answered heartbeat through the account's partition; 0 none), grace, idle ttl,
     * create (1: a missing hash may be made; 0: answer NO_STATE), force ttl (1/0), token (the admitting call's),
     * stage ('p' password, the default; 's' second factor: counted against {@code left2} with its own flights),
     * source (the digest of the attempt's device and address; '' none): a password check from a source risk has
     * locked is refused SOURCE_LOCKED.
     * Returns {1, 'ADMITTED', seq, given up} or {0, reason, retry-after ms, given up}.
     */
    static final String ADMIT = KEEP_OR_EXPIRE + FLIGHT + """
            local h = KEYS[1]
            local now, timeout, lost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4])
            local ceiling, default_left = tonumber(ARGV[5]), tonumber(ARGV[6])
            local watermark, grace = tonumber(ARGV[7]), tonumber(ARGV[8])
            local all = redis.call('HGETALL', h)
            if #all == 0 and ARGV[10] ~= '1' then return {0, 'NO_STATE', 1000, 0} end
            local st, flights = {}, {}
            for i = 1, #all, 2 do
              local f = all[i]
              if is_flight(f) then flights[f] = all[i + 1] else st[f] = all[i + 1] end
            end
            local second = ARGV[13] == 's'
            local mine = second and 's:' or 'f:'
            local pending, stalled, gave_up = 0, 0, 0
            for f, val in pairs(flights) do
              local admitted_at, published_at = flight(val)
              if published_at == 0 and now - admitted_at > lost then
                redis.call('HDEL', h, f); gave_up = gave_up + 1
              elseif published_at > 0 and watermark >= published_at + grace then
                redis.call('HDEL', h, f); gave_up = gave_up + 1
              elseif published_at > 0 and now - published_at > timeout then
                stalled = stalled + 1
              elseif string.sub(f, 1, 2) == mine then
                pending = pending + 1
              end
            end
            local locked = tonumber(st['lockedUntil']) or 0
            if locked > now then return {0, 'LOCKED', locked - now, gave_up} end
            local source = ARGV[14] or ''
            if not second and source ~= '' and st['sources'] then
              local ends = tonumber(string.match(st['sources'], source .. '=(%d+)')) or 0
              if ends > now then return {0, 'SOURCE_LOCKED', ends - now, gave_up} end
            end
            if stalled > 0 and ARGV[3] == '1' then return {0, 'RISK_UNAVAILABLE', 1000, gave_up} end
            local left = tonumber(st[second and 'left2' or 'left']) or default_left
            if left < 0 then return {0, 'RISK_UNAVAILABLE', 1000, gave_up} end
            if left > ceiling then left = ceiling end
            if pending >= left then return {0, 'AT_THRESHOLD', 1000, gave_up} end
            local seq = math.max((tonumber(st['seq']) or 0) + 1, now * 1000)
            seq = string.format('%d', seq)
            redis.call('HSET', h, 'seq', seq, mine .. seq, string.format('%d', now) .. ':0:' .. (ARGV[12] or ''))
            keep_or_expire(h, now, ARGV[9], ARGV[11])
            return {1, 'ADMITTED', tonumber(seq), gave_up}
            """;

    /**
     * KEYS[1] gate hash; ARGV seq, publishedAt. After the broker acknowledged an admitted attempt's event (publishedAt:
     * now), or after a send whose fate is unknown (publishedAt: the latest time the producer could still write it,
     * so the pipeline passing that time gives the slot up).
     */
    static final String PUBLISHED = FLIGHT + """
            local f = 'f:' .. ARGV[1]
            local val = redis.call('HGET', KEYS[1], f)
            if not val then
              f = 's:' .. ARGV[1]
              val = redis.call('HGET', KEYS[1], f)
            end
            if not val then return 0 end
            local admitted_at, _, token = flight(val)
            redis.call('HSET', KEYS[1], f, string.format('%d', admitted_at) .. ':' .. ARGV[2] .. ':' .. token)
            return 1
            """;

    /**
     * KEYS[1] gate hash; ARGV seq ('' to match by token), token ('' to match by seq), now, idle ttl, force ttl.
     * Frees a slot whose attempt will never reach Kafka and whose password check was never answered: the ADMIT whose
     * reply was lost (the node never checked a password), or a send the producer never got (an open circuit). Only an
     * unpublished slot is freed. Returns how many were.
     */
    static final String RELEASE = KEEP_OR_EXPIRE + FLIGHT + """
            local h = KEYS[1]
            local freed = 0
            local all = redis.call('HGETALL', h)
            for i = 1, #all, 2 do
              local f = all[i]
              if is_flight(f) then
                local _, published_at, token = flight(all[i + 1])
                local match = (ARGV[1] ~= '' and string.sub(f, 3) == ARGV[1]) or (ARGV[2] ~= '' and token == ARGV[2])
                if match and published_at == 0 then redis.call('HDEL', h, f); freed = freed + 1 end
              end
            end
            if freed > 0 and redis.call('EXISTS', h) == 1 then keep_or_expire(h, tonumber(ARGV[3]), ARGV[4], ARGV[5]) end
            return freed
            """;

    /**
     * KEYS[1] gate hash. ARGV: answered seq ('' for none), version, failures, checks left ('' unknown), lockedUntil
     * (0 none), now, idle ttl, force ttl (1/0), second-factor failures, second-factor checks left ('' unknown), locked
     * sources ({@code <digest>=<until>;...}, '' none).
     * From a verdict (which also answers its attempt) or a
     * state record. Risk's view is taken only from a newer version, so late or repeated records change nothing;
     * a version of 0 comes from a risk that predates versions and is taken as it comes.
     * Returns 1 if risk's view changed.
     */
    static final String CONFIRM = KEEP_OR_EXPIRE + """
            local h = KEYS[1]
            local now = tonumber(ARGV[6])
            if ARGV[1] ~= '' then
              redis.call('HDEL', h, 'f:' .. ARGV[1], 's:' .. ARGV[1])
              local seq = tonumber(redis.call('HGET', h, 'seq')) or 0
              if tonumber(ARGV[1]) > seq then redis.call('HSET', h, 'seq', ARGV[1]) end
            end
            local version, known = tonumber(ARGV[2]), tonumber(redis.call('HGET', h, 'v')) or -1
            local changed = 0
            if version == 0 or version > known then
              redis.call('HSET', h, 'v', ARGV[2], 'failures', ARGV[3])
              if ARGV[4] == '' then redis.call('HDEL', h, 'left') else redis.call('HSET', h, 'left', ARGV[4]) end
              redis.call('HSET', h, 'failures2', ARGV[9] or '0')
              if (ARGV[10] or '') == '' then redis.call('HDEL', h, 'left2') else redis.call('HSET', h, 'left2', ARGV[10]) end
              if ARGV[5] == '0' then redis.call('HDEL', h, 'lockedUntil') else redis.call('HSET', h, 'lockedUntil', ARGV[5]) end
              if (ARGV[11] or '') == '' then redis.call('HDEL', h, 'sources') else redis.call('HSET', h, 'sources', ARGV[11]) end
              changed = 1
            end
            keep_or_expire(h, now, ARGV[7], ARGV[8])
            return changed
            """;

    /**
     * KEYS[1] gate hash; ARGV now, idle ttl, force ttl. Risk forgot the key (a tombstone on its compacted state): its view is
     * as fresh as an account never seen. Attempts in flight and the sequence stay.
     */
    static final String FORGET = KEEP_OR_EXPIRE + """
            redis.call('HDEL', KEYS[1], 'v', 'failures', 'left', 'failures2', 'left2', 'lockedUntil', 'sources')
            if redis.call('EXISTS', KEYS[1]) == 1 then keep_or_expire(KEYS[1], tonumber(ARGV[1]), ARGV[2], ARGV[3]) end
            return 1
            """;
}
