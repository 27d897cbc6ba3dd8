package io.loginguard.replay;

import io.loginguard.events.AccountSnapshot;
import io.loginguard.events.CloudEventHeaders;
import io.loginguard.events.Event;
import io.loginguard.events.EventJson;
import io.loginguard.events.LoginAttempted;
import io.loginguard.events.LoginAttempted.Method;
import io.loginguard.events.LoginAttempted.Outcome;
import io.loginguard.events.LoginAttempted.Stage;
import io.loginguard.events.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@code generate}: a synthetic workload, as auth would publish it. First one {@code AccountSnapshot} per account on
 * {@code auth.accounts} (every tenth account a sub-account of the one before, half the masters with a stricter
 * lockout policy their sub-accounts carry), then {@code attempts} {@code LoginAttempted} on
 * {@code auth.login-attempts} in event-time order:
 * <ul>
 *   <li>normal logins from the account's own address, country and device (about 70 %);</li>
 *   <li>typos: one or two wrong passwords, then the right one a few seconds later (12 %);</li>
 *   <li>forgotten passwords: wrong passwords until auth's gate locks the account (2 %);</li>
 *   <li>new devices (5 %), and cross-border logins from a far country, half of them completing the step-up
 *       40 s later (3 %);</li>
 *   <li>a credential-stuffing wave: during 3 % of the run, 70 % of attempts come from four addresses (one IPv6),
 *       against real accounts (wrong passwords, rarely a right one: a reused password) and unknown identifiers
 *       ({@code unknown:<hex>} keys); 1 % of attempts elsewhere are background stuffing.</li>
 * </ul>
 * Each record is what auth writes: the key is the account id (or {@code unknown:…}), the partition Kafka's default
 * partitioner gives that key, the value the event's JSON, CloudEvents headers, and the event time as record
 * timestamp. Auth's admission gate is followed: an admitted attempt carries the account's next sequence number, and
 * while the gate holds the account locked (5 failures, or the master's policy; 30 min) attempts are
 * {@code REJECTED_LOCKED} without one. Everything derives from the seed through {@link Random}, whose algorithm
 * Java specifies, and from {@code start}: the same arguments give the same bytes on every JVM.
 */
public final class Generator {
    static final String[] HOME_COUNTRIES = {"DE", "FR", "NL", "PL", "AT", "ES", "IT", "CZ"};
    static final String[] FAR_COUNTRIES = {"US", "BR", "JP", "AU", "ZA", "IN", "SG", "MX"};
    static final String[] STUFFING_IPS = {"185.220.101.7", "185.220.101.8", "45.155.205.33", "2a0e:1c80:1:1::45"};
    static final int DEFAULT_THRESHOLD = 5;
    static final Duration DEFAULT_LOCK = Duration.ofMinutes(30);

    private final int accounts;
    private final int attempts;
    private final long seed;
    private final Instant start;
    private final long meanGapMs;

    public Generator(int accounts, int attempts, long seed, Instant start, long meanGapMs) {
        if (accounts < 2) {
            throw new IllegalArgumentException("--accounts must be at least 2");
        }
        if (attempts < 0 || meanGapMs < 0) {
            throw new IllegalArgumentException("--attempts and --mean-gap-ms must not be negative");
        }
        this.accounts = accounts;
        this.attempts = attempts;
        this.seed = seed;
        this.start = start;
        this.meanGapMs = meanGapMs;
    }

    private final class Account {
        final int no;
        final String id;
        final String master;
        final String country;
        final String ip;
        final String device;
        final Method method;
        AccountSnapshot.RiskPolicy policy;
        long sequence;
        int streak;
        Instant lockedUntil = Instant.EPOCH;
        int newDevices;

        /** An identifier that matches no account: auth's gate keeps a streak for it all the same. */
        Account(String key) {
            this.no = -1;
            this.id = key;
            this.master = null;
            this.country = "RU";
            this.ip = null;
            this.device = null;
            this.method = Method.EMAIL_PASSWORD;
        }

        Account(int no, Random random, List<Account> all) {
            this.no = no;
            this.id = uuid("account", no).toString();
            this.master = no % 10 == 9 ? all.get(no - 1).id : null;
            this.country = HOME_COUNTRIES[random.nextInt(HOME_COUNTRIES.length)];
            this.ip = "10." + (no >> 16 & 0xff) + "." + (no >> 8 & 0xff) + "." + (no & 0xff);
            this.device = "dev-" + Long.toHexString(random.nextLong() & 0xffffffffL);
            this.method = random.nextInt(4) == 0 ? Method.PHONE_PASSWORD : Method.EMAIL_PASSWORD;
            if (no % 10 == 8 && random.nextBoolean()) {
                policy = new AccountSnapshot.RiskPolicy(3, 60);
            } else if (master != null) {
                policy = all.get(no - 1).policy;
            }
        }

        int threshold() {
            return policy != null && policy.lockoutThreshold() != null ? Math.min(DEFAULT_THRESHOLD, policy.lockoutThreshold())
                    : DEFAULT_THRESHOLD;
        }

        Duration lock() {
            return policy != null && policy.lockMinutes() != null
                    ? Duration.ofMinutes(Math.max(DEFAULT_LOCK.toMinutes(), policy.lockMinutes())) : DEFAULT_LOCK;
        }
    }

    /** Gate state of identifiers that match no account, by key. */
    private final Map<String, Account> unknown = new HashMap<>();

    public interface Sink {
        void accept(ReplayRecord record) throws IOException;
    }

    public long generate(Sink sink) throws IOException {
        Random random = new Random(seed);
        List<Account> all = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            all.add(new Account(i, random, all));
        }
        Map<String, Long> offsets = new HashMap<>();
        long written = 0;
        Instant snapshotTime = start.minusSeconds(60);
        for (Account a : all) {
            AccountSnapshot snapshot = new AccountSnapshot(uuid("snapshot", a.no), snapshotTime, a.id,
                    AccountSnapshot.Status.ACTIVE, "user" + a.no + "@example.test", null, true, false,
                    a.no % 3 == 0 ? Set.of(AccountSnapshot.SecondFactor.TOTP) : Set.of(), a.master, null, "en", 1,
                    null, null, a.policy);
            sink.accept(record(Topics.ACCOUNTS, snapshot, offsets));
            written++;
        }
        int waveFrom = (int) (attempts * 0.40);
        int waveTo = (int) (attempts * 0.43);
        // attempts that follow another a few seconds later (the right password after a typo...) wait here until
        // their time comes, so the output stays in event-time order whatever the mix
        PriorityQueue<Planned> later = new PriorityQueue<>();
        long planned = 0;
        Instant t = start;
        int[] n = {0};
        while (n[0] < attempts) {
            t = t.plusMillis(meanGapMs == 0 ? 0 : random.nextInt((int) Math.min(Integer.MAX_VALUE - 1, 2 * meanGapMs + 1)));
            while (!later.isEmpty() && !later.peek().at.isAfter(t) && n[0] < attempts) {
                written += emit(later.poll(), sink, offsets, n);
            }
            if (n[0] >= attempts) {
                break;
            }
            boolean wave = n[0] >= waveFrom && n[0] < waveTo;
            int roll = random.nextInt(1000);
            Planned now;
            if (wave ? roll < 700 : roll < 10) {
                now = stuffing(random, all, t);
            } else {
                Account a = all.get(random.nextInt(accounts));
                int kind = random.nextInt(100);
                if (kind < 12) { // typos: one or two wrong passwords, then the right one
                    int wrong = 1 + random.nextInt(2);
                    now = new Planned(t, planned++, a, Stage.PASSWORD, Outcome.BAD_PASSWORD, a.ip, a.country, a.device, UA);
                    Instant next = t;
                    for (int i = 1; i <= wrong; i++) {
                        next = next.plusMillis(2_000 + random.nextInt(6_000));
                        later.add(new Planned(next, planned++, a, Stage.PASSWORD,
                                i < wrong ? Outcome.BAD_PASSWORD : Outcome.SUCCEEDED, a.ip, a.country, a.device, UA));
                    }
                } else if (kind < 14) { // a forgotten password: wrong ones until the gate locks, and one more
                    now = new Planned(t, planned++, a, Stage.PASSWORD, Outcome.BAD_PASSWORD, a.ip, a.country, a.device, UA);
                    Instant next = t;
                    for (int i = 1; i <= a.threshold(); i++) {
                        next = next.plusMillis(3_000 + random.nextInt(10_000));
                        later.add(new Planned(next, planned++, a, Stage.PASSWORD, Outcome.BAD_PASSWORD, a.ip, a.country,
                                a.device, UA));
                    }
                } else if (kind < 19) { // a new device at home
                    String device = "dev-new-" + a.no + "-" + (++a.newDevices);
                    now = new Planned(t, planned++, a, Stage.PASSWORD, Outcome.SUCCEEDED, a.ip, a.country, device, UA);
                } else if (kind < 22) { // cross-border, half of them completing the step-up
                    String country = FAR_COUNTRIES[random.nextInt(FAR_COUNTRIES.length)];
                    String ip = "203.0.113." + random.nextInt(256);
                    now = new Planned(t, planned++, a, Stage.PASSWORD, Outcome.SUCCEEDED, ip, country, a.device, UA);
                    if (random.nextBoolean()) {
                        later.add(new Planned(t.plusSeconds(40), planned++, a, Stage.STEP_UP, Outcome.SUCCEEDED, ip,
                                country, a.device, UA));
                    }
                } else {
                    now = new Planned(t, planned++, a, Stage.PASSWORD, Outcome.SUCCEEDED, a.ip, a.country, a.device, UA);
                }
            }
            written += emit(now, sink, offsets, n);
        }
        return written;
    }

    private static final String UA = "Mozilla/5.0 (generated)";

    /** An attempt to be made at {@code at}; ties keep the order they were planned in. */
    private record Planned(Instant at, long order, Account account, Stage stage, Outcome outcome, String ip,
                           String country, String device, String userAgent) implements Comparable<Planned> {
        @Override
        public int compareTo(Planned o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private int emit(Planned p, Sink sink, Map<String, Long> offsets, int[] n) throws IOException {
        sink.accept(record(Topics.LOGIN_ATTEMPTS, attempt(p, n[0]), offsets));
        n[0]++;
        return 1;
    }

    private Planned stuffing(Random random, List<Account> all, Instant t) {
        String ip = STUFFING_IPS[random.nextInt(STUFFING_IPS.length)];
        String device = "bot-" + random.nextInt(3);
        String ua = "python-requests/2.31";
        if (random.nextBoolean()) {
            String key = "unknown:" + Long.toHexString(random.nextLong());
            Account ghost = unknown.computeIfAbsent(key, k -> new Account(k));
            return new Planned(t, -1, ghost, Stage.PASSWORD, Outcome.UNKNOWN_ACCOUNT, ip, "RU", device, ua);
        }
        Account a = all.get(random.nextInt(all.size()));
        Outcome outcome = random.nextInt(500) == 0 ? Outcome.SUCCEEDED : Outcome.BAD_PASSWORD;
        return new Planned(t, -1, a, Stage.PASSWORD, outcome, ip, "RU", device, ua);
    }

    /** One attempt through auth's gate: a sequence number if admitted, REJECTED_LOCKED while the gate holds a lock. */
    private LoginAttempted attempt(Planned p, int n) {
        Account a = p.account();
        Instant t = p.at();
        Stage stage = p.stage();
        Outcome outcome = p.outcome();
        Long sequence;
        if (stage == Stage.PASSWORD && t.isBefore(a.lockedUntil)) {
            outcome = Outcome.REJECTED_LOCKED;
            sequence = null;
        } else {
            sequence = ++a.sequence;
            if (stage == Stage.PASSWORD && outcome.isFailure()) {
                if (++a.streak >= a.threshold()) {
                    a.lockedUntil = t.plus(a.lock());
                    a.streak = 0;
                }
            } else if (stage == Stage.PASSWORD && outcome == Outcome.SUCCEEDED) {
                a.streak = 0;
            }
        }
        Method method = a.no < 0 ? Method.EMAIL_PASSWORD : a.method;
        return new LoginAttempted(uuid("event", n), t, a.id, uuid("attempt", n), sequence, stage, outcome, method, p.ip(),
                p.country(), null, null, p.device(), p.userAgent(), a.master);
    }

    private UUID uuid(String what, long n) {
        return UUID.nameUUIDFromBytes(("loginguard-generate:" + seed + ":" + what + ":" + n).getBytes(StandardCharsets.UTF_8));
    }

    static ReplayRecord record(String topic, Event event, Map<String, Long> offsets) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, event);
        List<ReplayRecord.Header> list = new ArrayList<>();
        for (Header h : headers) {
            list.add(new ReplayRecord.Header(h.key(), h.value()));
        }
        String key = event.key();
        int partition = Topics.find(topic).orElseThrow().partitions();
        partition = Topics.partitionFor(key, partition);
        long offset = offsets.merge(topic + "/" + partition, 1L, Long::sum) - 1;
        return new ReplayRecord(topic, partition, offset, event.occurredAt().toEpochMilli(),
                key.getBytes(StandardCharsets.UTF_8), EventJson.toBytes(event), list);
    }
}
