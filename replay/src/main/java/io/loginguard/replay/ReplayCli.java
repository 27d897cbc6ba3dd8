package io.loginguard.replay;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./loginguard replay COMMAND}: record, play, diff and generate event recordings (JSON Lines). */
@Command(name = "replay", mixinStandardHelpOptions = true, version = "loginguard replay 0.1.0",
        description = "Records Kafka topics to JSON Lines, plays recordings into a stack, compares risk's outputs of "
                + "two recordings and generates synthetic workloads.",
        subcommands = {ReplayCli.Record.class, ReplayCli.Play.class, ReplayCli.Diff.class, ReplayCli.Generate.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (diff: identical)", "1:diff: the recordings differ", "2:bad arguments or input",
                "3:play refused: the target topics hold other records", "4:Kafka or file error"})
public final class ReplayCli implements Runnable {
    static final int DIFFERENT = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int FAILED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool in this JVM (tests, e2e) and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ReplayCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("replay: " + message(e));
            if (e instanceof Player.Refused) {
                return REFUSED;
            }
            if (e instanceof IllegalArgumentException) {
                return USAGE;
            }
            // an unexpected failure: its chain of causes, one line each, says where to look
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                commandLine.getErr().println("  caused by " + c.getClass().getName() + ": " + c.getMessage());
            }
            return FAILED;
        });
        return cli;
    }

    private static String message(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Reads topics from their beginning up to the end offsets they had at start (committed "
                    + "records only) and writes them as JSON Lines: topic, partition, offset, timestamp, key, value, "
                    + "headers. Shows records, rate and ETA on a terminal; ends by itself.")
    static final class Record implements Callable<Integer> {
        @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "the Kafka broker")
        String bootstrap;

        @Option(names = "--topics", required = true, split = ",", paramLabel = "T1,T2",
                description = "the topics to record, e.g. auth.login-attempts,risk.verdicts")
        List<String> topics;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the JSON Lines file to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            Recorder.Result r = new Recorder(bootstrap, topics).record(out, Progress.onTerminal("record"));
            System.err.printf("recorded %d records of %s into %s in %.1f s%n", r.records(), String.join(",", topics), out,
                    r.seconds());
            return 0;
        }
    }

    @Command(name = "play", mixinStandardHelpOptions = true,
            description = {"Writes a recording into a stack: each record to its topic (under --topic-prefix), to the "
                    + "partition it was recorded in, with its key, value, headers and timestamp, in the recording's "
                    + "per-partition order, through an idempotent producer. Topics missing are created (catalogue "
                    + "settings for catalogue topics).",
                    "Run twice, it writes nothing the second time: a target partition that already holds the recording's "
                    + "first E records (its last one checked) gets only the rest; one that holds anything else is "
                    + "refused (exit 3) before anything is written."})
    static final class Play implements Callable<Integer> {
        @Option(names = "--in", required = true, paramLabel = "FILE", description = "the recording")
        Path in;

        @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "the Kafka broker")
        String bootstrap;

        @Option(names = "--topic-prefix", paramLabel = "P", defaultValue = "",
                description = "written to P + the recorded topic (default: the recorded topic itself)")
        String prefix;

        @Option(names = "--pace", paramLabel = "recorded|max", defaultValue = "max",
                description = "recorded: as far apart in time as the records' timestamps; max: as fast as possible "
                        + "(default: ${DEFAULT-VALUE})")
        Player.Pace pace;

        @Option(names = "--topics", split = ",", paramLabel = "T1,T2",
                description = "play only the records of these recorded topics, e.g. risk's inputs "
                        + "auth.accounts,auth.security-events,ticket.events,auth.login-attempts (default: all)")
        List<String> topics;

        @Override
        public Integer call() throws Exception {
            Player.Result r = new Player(bootstrap, prefix, pace, System.err, topics).play(in, Progress.onTerminal("play"));
            System.err.printf("played %d records (%d already there) from %s in %.1f s (%.0f records/s)%n", r.written(),
                    r.skipped(), in, r.seconds(), r.written() / Math.max(r.seconds(), 1e-9));
            return 0;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {"Compares the risk outputs (risk.verdicts, risk.account-state, risk.decisions, under any "
                    + "prefix) of two recordings per key: the same records (value, headers, timestamp) in the same "
                    + "order for every account and topic. Prints a summary and the first differences.",
                    "Exit code 0 only when identical, 1 when they differ."})
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A", description = "a recording")
        Path a;

        @Parameters(index = "1", paramLabel = "B", description = "the other recording")
        Path b;

        @Option(names = "--max", defaultValue = "10", paramLabel = "N",
                description = "differences shown in full (default: ${DEFAULT-VALUE})")
        int max;

        @Option(names = "--ignore-repeats", description = "skip a record identical to one seen before for the same key "
                + "and topic (what risk sends again after reading inputs again under at-least-once): compares a run "
                + "that crashed with one that did not")
        boolean ignoreRepeats;

        @Override
        public Integer call() throws Exception {
            Differ differ = new Differ(max, System.out, ignoreRepeats);
            Differ.Result result = differ.diff(a, b);
            if (result.recordsA() == 0 && result.recordsB() == 0) {
                throw new IllegalArgumentException("neither recording holds risk outputs (" + Differ.RISK_TOPICS + ")");
            }
            differ.report(a, b, result);
            return result.identical() ? 0 : DIFFERENT;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Writes a synthetic workload as a recording, records exactly as auth publishes them: an "
                    + "AccountSnapshot per account (every tenth a sub-account), then login attempts in event-time "
                    + "order: normal logins, typos, forgotten passwords up to a lock, new devices, cross-border logins "
                    + "with step-ups, and a credential-stuffing wave from four addresses.",
                    "The same arguments give the same bytes. Record timestamps are the event times, from --start on; "
                    + "a broker deletes records older than a topic's retention (30 days for auth.login-attempts) and "
                    + "refuses ones more than an hour ahead, so pick a --start that keeps the run inside both."})
    static final class Generate implements Callable<Integer> {
        @Option(names = "--accounts", required = true, paramLabel = "N") int accounts;

        @Option(names = "--attempts", required = true, paramLabel = "M") int attempts;

        @Option(names = "--seed", required = true, paramLabel = "S") long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

        @Option(names = "--start", paramLabel = "INSTANT", defaultValue = "2026-01-01T00:00:00Z",
                description = "event time of the first attempt, ISO-8601 (default: ${DEFAULT-VALUE})")
        Instant start;

        @Option(names = "--mean-gap-ms", paramLabel = "MS", defaultValue = "100",
                description = "mean event time between attempts (default: ${DEFAULT-VALUE})")
        long meanGapMs;

        @Override
        public Integer call() throws Exception {
            Generator generator = new Generator(accounts, attempts, seed, start, meanGapMs);
            long n;
            try (JsonLines.Writer writer = JsonLines.Writer.to(out)) {
                n = generator.generate(writer::write);
            }
            System.err.printf("generated %d records (%d account snapshots, %d attempts) into %s%n", n, accounts,
                    n - accounts, out);
            return 0;
        }
    }
}
