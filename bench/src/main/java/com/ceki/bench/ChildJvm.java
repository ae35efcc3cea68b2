package com.ceki.bench;

import com.ceki.local.stack.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One cold start: a fresh JVM running the probe (bench/src/probe), timed from spawn to its result line. */
final class ChildJvm {

    /** The probe's result line ({@code com.ceki.bench.probe.Probe.MARKER}; the probe is not on this classpath). */
    private static final Pattern RESULT =
            Pattern.compile("@@probe main_at_ms=(\\d+) init_us=(\\d+) prime_us=(\\d+) request_us=(\\d+) warm_p50_us=(\\d+) (.*)");
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * @param wallMillis    process start to the result line, as the parent sees it: the number that counts
     * @param bootMillis    process start to the probe's {@code main} (JVM start-up and opening the jar)
     * @param initMillis    the handler's constructor (class loading, object graph, SDK clients)
     * @param primeMillis   the snapshot priming (0 unless the probe ran primed)
     * @param requestMillis the first {@code handleRequest}, including its calls to the emulators
     * @param warmP50Millis the median of the repeats of that request (0 unless primed)
     * @param outcome       what the handler answered, as the probe describes it
     * @param output        everything else the child printed (stdout and stderr)
     */
    record Result(double wallMillis, double bootMillis, double initMillis, double primeMillis, double requestMillis,
                  double warmP50Millis, String outcome, List<String> output) {}

    private ChildJvm() {}

    /** Runs {@code command} with exactly {@code environment}; fails unless it prints a result line and exits 0. */
    static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        // Only the function's configuration, as on Lambda: nothing inherited (no JAVA_TOOL_OPTIONS, no CLASSPATH).
        ChildProcesses.Launch launch = ChildProcesses.command(command).onlyEnvironment(environment);

        List<String> output = new ArrayList<>();
        String resultLine = null;
        long resultAt = 0;
        long startEpochMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        Process process = launch.startPiped();
        // A child that hangs is killed, which ends the read below.
        Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
        try (BufferedReader out = process.inputReader()) {
            String line;
            while ((line = out.readLine()) != null) {
                if (resultLine == null && line.startsWith("@@probe ")) {
                    resultAt = System.nanoTime();
                    resultLine = line;
                } else {
                    output.add(line);
                }
            }
        }
        int exit = process.waitFor();
        Matcher m = resultLine == null ? null : RESULT.matcher(resultLine);
        if (exit != 0 || m == null || !m.matches()) {
            throw new BenchmarkFailure("child JVM failed (exit " + exit + "): " + shell(command)
                    + "\n--- its output ---\n" + String.join("\n", output) + (resultLine == null ? "" : "\n" + resultLine));
        }
        return new Result((resultAt - start) / 1e6, Long.parseLong(m.group(1)) - startEpochMillis,
                Long.parseLong(m.group(2)) / 1e3, Long.parseLong(m.group(3)) / 1e3, Long.parseLong(m.group(4)) / 1e3,
                Long.parseLong(m.group(5)) / 1e3, m.group(6), output);
    }

    /** The command as one line to paste into a shell. */
    static String shell(List<String> command) {
        return command.stream()
                .map(a -> a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }
}
