package io.loginguard.replay;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Records done, rate and time left, on one line of the terminal (rewritten in place at most every 250 ms). Shown only
 * when the tool runs on a terminal (a console is attached), so files and pipes get no progress noise.
 */
final class Progress {
    private final PrintStream out;
    private final boolean on;
    private final String what;
    private final long started = System.nanoTime();
    private long lastShown;

    Progress(String what, PrintStream out, boolean on) {
        this.what = what;
        this.out = out;
        this.on = on;
    }

    static Progress onTerminal(String what) {
        return new Progress(what, System.err, System.console() != null);
    }

    void update(long done, long total) {
        if (!on) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastShown < 250_000_000L && done < total) {
            return;
        }
        lastShown = now;
        out.print("\r" + what + ": " + line(done, total, now - started) + "   ");
        out.flush();
    }

    void finish(long done, long total) {
        if (on) {
            update(done, total);
            out.println();
        }
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** E.g. {@code 120000/1000000 records, 40000/s, ETA 22 s}. */
    static String line(long done, long total, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-9);
        double rate = done / seconds;
        String eta = rate <= 0 || done >= total ? "-" : format(Duration.ofMillis((long) ((total - done) / rate * 1000)));
        return String.format("%d/%d records, %.0f/s, ETA %s", done, total, rate, eta);
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + " s";
    }
}
