package io.loginguard.auth.factor;

/** Base32 for tests in other packages. */
public final class TestBase32 {
    private TestBase32() {
    }

    public static byte[] decode(String text) {
        return Base32.decode(text);
    }
}
