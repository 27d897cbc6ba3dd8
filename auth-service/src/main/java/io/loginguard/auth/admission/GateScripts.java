package io.loginguard.auth.admission;

/**
 * The gate's Lua scripts. Per account, one hash:
 * <ul>
 * <li>{@code issued}: sequence numbers handed out (admitted attempts);</li>
 * <li>{@code published}: admitted attempts whose event the broker acknowledged;</li>
 * <li>{@code processed}, {@code failures}, {@code lockedUntil}: risk's confirmed count, streak and lock;</li>
 * <li>{@code pendingSince}: when the oldest still-unconfirmed stretch began, or the last progress on it.</li>
 * </ul>
 * Every admitted attempt not yet processed counts as a failure. Published but unconfirmed attempts past the
 * confirmation timeout mean risk (or Kafka) is not confirming: fail closed. Admitted attempts never published
 * (auth died, or the broker refused them) are given up after the lost-attempt timeout; they are never
 * confused with attempts risk has not processed yet, so a risk outage keeps the gate closed however long.
 * All times are the calling node's clock in epoch milliseconds.
 */
final class GateScripts {
    private GateScripts() {
    }

    /** KEYS[1] account; ARGV threshold, now, confirmation timeout, fail closed (1/0), ttl, lost-attempt timeout. */
    static final String ADMIT = """
            local h = KEYS[1]
            local threshold, now, timeout, lost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[6])
            local v = redis.call('HMGET', h, 'issued', 'processed', 'failures', 'lockedUntil', 'pendingSince', 'published')
            local issued, processed = tonumber(v[1]) or 0, tonumber(v[2]) or 0
            local failures, lockedUntil = tonumber(v[3]) or 0, tonumber(v[4]) or 0
            local waited = v[5] and (now - tonumber(v[5])) or 0
            if processed > issued then issued = processed end
            local accounted = math.min(issued, math.max(processed, tonumber(v[6]) or 0))
            if lockedUntil > now then return {0, 'LOCKED', lockedUntil - now} end
            if issued > accounted and waited > lost then
              issued = accounted
              redis.call('HSET', h, 'issued', issued)
              if issued == processed then redis.call('HDEL', h, 'pendingSince'); waited = 0 end
            end
            local stalled = accounted > processed and waited > timeout
            if stalled and ARGV[4] == '1' then return {0, 'RISK_UNAVAILABLE', 1000} end
            local pending = issued - processed
            if stalled then pending = issued - accounted end
            if failures + pending >= threshold then return {0, 'AT_THRESHOLD', 1000} end
            if issued == processed then redis.call('HSET', h, 'pendingSince', now) end
            issued = issued + 1
            redis.call('HSET', h, 'issued', issued)
            redis.call('PEXPIRE', h, ARGV[5])
            return {1, 'ADMITTED', issued}
            """;

    /** KEYS[1] account, KEYS[2] flow; ARGV now, admitted (1/0), ttl. After the broker acknowledged an attempt. */
    static final String PUBLISHED = """
            local now = tonumber(ARGV[1])
            if ARGV[2] == '1' then
              redis.call('HINCRBY', KEYS[1], 'published', 1)
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
            end
            local f = redis.call('HMGET', KEYS[2], 'lastPublished', 'lastConfirmed')
            if (tonumber(f[1]) or 0) <= (tonumber(f[2]) or 0) then redis.call('HSET', KEYS[2], 'waitingSince', now) end
            redis.call('HSET', KEYS[2], 'lastPublished', now)
            return 1
            """;

    /** KEYS[1] account, KEYS[2] flow; ARGV processed, failures, lockedUntil (0 = none), now, ttl. */
    static final String CONFIRM = """
            local h = KEYS[1]
            local processed, failures, lockedUntil, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
            local v = redis.call('HMGET', h, 'issued', 'processed', 'lockedUntil')
            local issued, known, knownLock = tonumber(v[1]) or 0, tonumber(v[2]) or 0, tonumber(v[3]) or 0
            local advanced = 0
            if processed > known then
              if processed > issued then issued = processed end
              redis.call('HSET', h, 'processed', processed, 'failures', failures, 'lockedUntil', lockedUntil, 'issued', issued)
              if issued == processed then redis.call('HDEL', h, 'pendingSince') else redis.call('HSET', h, 'pendingSince', now) end
              advanced = 1
            elseif processed == known and lockedUntil > knownLock then
              redis.call('HSET', h, 'lockedUntil', lockedUntil)
            end
            redis.call('PEXPIRE', h, ARGV[5])
            redis.call('HSET', KEYS[2], 'lastConfirmed', now, 'waitingSince', now)
            return advanced
            """;
}
