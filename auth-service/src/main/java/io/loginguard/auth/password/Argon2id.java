package io.loginguard.auth.password;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id through libargon2's context API (argon2-jvm's JNA binding), so its working memory comes from
 * {@link Argon2Memory} instead of malloc. Hashes are PHC strings exactly as libargon2's own encoder writes them
 * ({@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, unpadded standard base64), so hashes written
 * before, by argon2-jvm's {@code hash}, verify here and the reverse.
 */
final class Argon2id {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** libargon2's ARGON2_VERSION_13. */
    private static final int VERSION = 0x13;
    /** libargon2's ARGON2_FLAG_CLEAR_PASSWORD: the password's native copy is wiped as soon as it is read. */
    private static final int CLEAR_PASSWORD = 1;
    private static final int VERIFY_MISMATCH = -35;

    private final Argon2Memory memory;
    private final SecureRandom random = new SecureRandom();
    private final int saltLength;
    private final int hashLength;

    Argon2id(Argon2Memory memory, int saltLength, int hashLength) {
        this.memory = memory;
        this.saltLength = saltLength;
        this.hashLength = hashLength;
    }

    String hash(byte[] password, int iterations, int memoryKib, int parallelism) {
        byte[] salt = new byte[saltLength];
        random.nextBytes(salt);
        Memory out = new Memory(hashLength);
        Memory pwd = copy(password);
        Memory saltCopy = copy(salt);
        Argon2_context.ByReference ctx = context(out, hashLength, pwd, password.length, saltCopy, salt.length,
                iterations, memoryKib, parallelism, VERSION);
        try {
            check(memory.withMemory(() -> Argon2Library.INSTANCE.argon2id_ctx(ctx)));
        } finally {
            pwd.clear(); // libargon2 wipes its reading of it too (CLEAR_PASSWORD); this is the copy's own wipe
        }
        return "$argon2id$v=" + VERSION + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out.getByteArray(0, hashLength));
    }

    /** Whether {@code password} matches the PHC string; false for a string that is no Argon2id hash. */
    boolean verify(String encoded, byte[] password) {
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        int version;
        int memoryKib;
        int iterations;
        int parallelism;
        try {
            salt = B64D.decode(m.group(5));
            expected = B64D.decode(m.group(6));
            version = Integer.parseInt(m.group(1));
            memoryKib = Integer.parseInt(m.group(2));
            iterations = Integer.parseInt(m.group(3));
            parallelism = Integer.parseInt(m.group(4));
        } catch (IllegalArgumentException e) { // a number too large, base64 of an impossible length
            return false;
        }
        Memory out = new Memory(Math.max(1, expected.length));
        Memory pwd = copy(password);
        Memory saltCopy = copy(salt);
        Argon2_context.ByReference ctx = context(out, expected.length, pwd, password.length, saltCopy, salt.length,
                iterations, memoryKib, parallelism, version);
        int result;
        try {
            result = memory.withMemory(() -> Argon2Library.INSTANCE.argon2id_verify_ctx(ctx, expected));
        } finally {
            pwd.clear();
        }
        if (result == VERIFY_MISMATCH) {
            return false;
        }
        check(result);
        return true;
    }

    private static Memory copy(byte[] bytes) {
        Memory m = new Memory(Math.max(1, bytes.length));
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    private Argon2_context.ByReference context(Memory out, int outLength, Memory pwd, int pwdLength, Memory salt,
                                               int saltLength, int iterations, int memoryKib, int parallelism,
                                               int version) {
        Argon2_context.ByReference ctx = new Argon2_context.ByReference();
        ctx.out = out;
        ctx.outlen = new JnaUint32(outLength);
        ctx.pwd = pwd;
        ctx.pwdlen = new JnaUint32(pwdLength);
        ctx.salt = salt;
        ctx.saltlen = new JnaUint32(saltLength);
        ctx.secret = Pointer.NULL;
        ctx.secretlen = new JnaUint32(0);
        ctx.ad = Pointer.NULL;
        ctx.adlen = new JnaUint32(0);
        ctx.t_cost = new JnaUint32(iterations);
        ctx.m_cost = new JnaUint32(memoryKib);
        ctx.lanes = new JnaUint32(parallelism);
        ctx.threads = new JnaUint32(parallelism);
        ctx.version = new Argon2_version(version);
        ctx.allocate_cbk = memory.allocateCallback;
        ctx.free_cbk = memory.freeCallback;
        ctx.flags = new JnaUint32(CLEAR_PASSWORD);
        return ctx;
    }

    private static void check(int result) {
        if (result != 0) {
            throw new IllegalStateException("libargon2 failed: " + Argon2Library.INSTANCE.argon2_error_message(result));
        }
    }
}
