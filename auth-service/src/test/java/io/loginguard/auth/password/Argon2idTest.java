package io.loginguard.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Argon2id through libargon2's context API with pooled working memory: the same PHC strings argon2-jvm's own
 * {@code hash} and {@code verify} write and read (hashes stored before still verify), and one block per hash running
 * at once, not per hash.
 */
class Argon2idTest {
    private static final int M = 1024;
    private final Argon2Memory memory = new Argon2Memory(M * 1024L);
    private final Argon2id argon2id = new Argon2id(memory, 16, 32);
    private final Argon2 reference = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, 16, 32);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void itsHashesAreArgon2jvmsFormatAndVerifyThere() {
        String hash = argon2id.hash(utf8("Correct1horse"), 2, M, 1);
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=1024,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(reference.verify(hash, "Correct1horse".toCharArray())).isTrue();
        assertThat(reference.verify(hash, "Correct1horsf".toCharArray())).isFalse();
        assertThat(argon2id.hash(utf8("Correct1horse"), 2, M, 1)).as("a fresh salt each time").isNotEqualTo(hash);
    }

    @Test
    void hashesWrittenByArgon2jvmVerifyHereWhateverTheirCost() {
        for (int[] cost : new int[][] {{2, M, 1}, {1, 512, 1}, {3, 2048, 2}}) { // 2048 KiB: more than a pooled block
            String stored = reference.hash(cost[0], cost[1], cost[2], "Pässwort1€".toCharArray());
            assertThat(argon2id.verify(stored, utf8("Pässwort1€"))).as(stored).isTrue();
            assertThat(argon2id.verify(stored, utf8("Passwort1€"))).as(stored).isFalse();
        }
    }

    @Test
    void anythingThatIsNoArgon2idHashSimplyFails() {
        for (String bad : List.of("", "plain", "$argon2i$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA",
                "$argon2id$v=19$m=1024,t=2,p=1$c$aGFzaA", "$argon2id$v=19$m=99999999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA")) {
            assertThat(argon2id.verify(bad, utf8("Correct1horse"))).as(bad).isFalse();
        }
    }

    @Test
    void oneBlockPerHashRunningAtOnceAndNoMore() throws Exception {
        for (int i = 0; i < 5; i++) {
            argon2id.hash(utf8("one-at-a-time-" + i), 1, M, 1);
        }
        assertThat(memory.pooledBlocks()).isEqualTo(1);

        ExecutorService three = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String password = "parallel-" + i;
                results.add(three.submit(() -> argon2id.verify(argon2id.hash(utf8(password), 1, M, 1), utf8(password))));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            three.shutdown();
        }
        assertThat(memory.pooledBlocks()).isBetween(1, 3);
    }
}
