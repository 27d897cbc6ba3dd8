package io.loginguard.auth.me;

import static org.assertj.core.api.Assertions.assertThat;

import io.loginguard.auth.account.Account;
import io.loginguard.auth.factor.Factors;
import io.loginguard.auth.factor.SecondFactor;
import io.loginguard.auth.login.ClientInfo;
import io.loginguard.auth.passkey.Passkey;
import io.loginguard.auth.session.SessionStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Session validation, the check every authenticated request makes ({@link CurrentAccount#caller}: one Redis script
 * that checks and touches the session, then the account read from PostgreSQL), per second and its p99, against
 * what its two round trips cost alone in the same run: a Redis PING and a primary-key read of the account. Also
 * the two reads a password login makes, one statement each, against each in a JTA transaction as they were.
 * {@code ./mvnw -B -o -pl auth-service verify -Dtest=SessionValidationBench -Dloginguard.bench=true}; threads with
 * {@code -Dbench.threads} (default 4), seconds per measurement with {@code -Dbench.seconds} (default 10).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "loginguard.bench", matches = "true")
class SessionValidationBench {
    @Inject
    CurrentAccount current;

    @Inject
    SessionStore sessions;

    @Inject
    RedisDataSource redis;

    @Inject
    Factors factors;

    record Result(double perSecond, double p50Micros, double p99Micros) {
        String row(String what) {
            return String.format("| %s | %,.0f/s | %.0f µs | %.0f µs |", what, perSecond, p50Micros, p99Micros);
        }
    }

    @Test
    void sessionValidationPerSecond() throws Exception {
        int threads = Integer.getInteger("bench.threads", 4);
        int seconds = Integer.getInteger("bench.seconds", 10);
        List<String> tokens = new ArrayList<>();
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UUID id = newAccount();
            accounts.add(id);
            tokens.add("Bearer " + sessions.create(id, new ClientInfo("127.0.0.1", "bench-" + i, "bench")).token());
        }
        run(threads, 2, i -> current.caller(tokens.get(i % tokens.size()))); // warm-up
        Result validation = run(threads, seconds, i -> current.caller(tokens.get(i % tokens.size())));
        Result ping = run(threads, seconds, i -> redis.execute("PING"));
        Result read = run(threads, seconds, i -> Account.findByIdOptional(accounts.get(i % accounts.size())).orElseThrow());
        // what the two reads on the login and session paths cost as they were: each in a JTA transaction of its own
        Result readInTransaction = run(threads, seconds, i -> QuarkusTransaction.requiringNew().call(
                () -> Account.findByIdOptional(accounts.get(i % accounts.size())).orElseThrow()));
        Result methods = run(threads, seconds, i -> factors.methodsOf(accounts.get(i % accounts.size())));
        Result methodsBefore = run(threads, seconds, i -> QuarkusTransaction.requiringNew().call(() -> {
            UUID id = accounts.get(i % accounts.size());
            return SecondFactor.enabledOf(id).size() + (Passkey.any(id) ? 1 : 0);
        }));

        System.out.printf("%nBENCH session validation, %d threads, %d s each, load %s%n", threads, seconds, load());
        System.out.println("BENCH | what | per second | p50 | p99 |");
        System.out.println("BENCH " + validation.row("session validation (script + account read)"));
        System.out.println("BENCH " + ping.row("reference: Redis PING"));
        System.out.println("BENCH " + read.row("reference: account read by id"));
        System.out.println("BENCH " + readInTransaction.row("account read by id in a JTA transaction (the session path before)"));
        System.out.println("BENCH " + methods.row("a login's second-step methods: one statement"));
        System.out.println("BENCH " + methodsBefore.row("the same: a JTA transaction and two statements (before)"));
        System.out.printf("BENCH validation per second / (1 / (1/PING rate + 1/read rate)) = %.2f%n",
                validation.perSecond() / (1 / (1 / ping.perSecond() + 1 / read.perSecond())));
        assertThat(validation.perSecond()).isPositive();
    }

    private UUID newAccount() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Account a = new Account();
            a.id = UUID.randomUUID();
            a.email = "bench-" + a.id + "@example.com";
            a.passwordHash = "$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
            a.status = Account.Status.ACTIVE;
            a.emailVerified = true;
            a.createdAt = Instant.now();
            a.updatedAt = a.createdAt;
            a.insert();
            return a.id;
        });
    }

    private static Result run(int threads, int seconds, IntConsumer op) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicBoolean stop = new AtomicBoolean();
        long[] counts = new long[threads];
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread thread = new Thread(() -> {
                for (int i = me; !stop.get(); i += threads) {
                    long t0 = System.nanoTime();
                    op.accept(i);
                    recorder.recordValue((System.nanoTime() - t0) / 1000);
                    counts[me]++;
                }
            });
            thread.start();
            all.add(thread);
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : all) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        var h = recorder.getIntervalHistogram();
        return new Result(total / elapsed, h.getValueAtPercentile(50), h.getValueAtPercentile(99));
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
