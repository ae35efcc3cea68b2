package com.ceki.local.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one way the project starts a child process (npm, node, the emulators, the benchmark's JVMs): its standard
 * input is always {@code /dev/null} and its output goes to a log file or to a pipe this JVM reads, never to this
 * JVM's own standard streams. A test JVM's stdin and stdout can be surefire's command and event channels, and a
 * child sharing them (Node makes an inherited pipe non-blocking) corrupts the channel and kills the fork.
 */
public final class ChildProcesses {

    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));
    private static final int TAIL_LINES = 30;

    private ChildProcesses() {}

    /** A launch of {@code command}, in this JVM's working directory with its environment until told otherwise. */
    public static Launch command(List<String> command) {
        return new Launch(command);
    }

    /** One child process to start; set where it runs and what it sees, then start it one of the ways below. */
    public static final class Launch {

        private final ProcessBuilder builder;

        private Launch(List<String> command) {
            this.builder = new ProcessBuilder(command).redirectInput(NO_INPUT).redirectErrorStream(true);
        }

        public Launch directory(Path directory) {
            builder.directory(directory.toFile());
            return this;
        }

        /** Adds {@code name=value} to the environment the child inherits from this JVM. */
        public Launch environment(String name, String value) {
            builder.environment().put(name, value);
            return this;
        }

        /** Gives the child exactly {@code environment}, nothing inherited. */
        public Launch onlyEnvironment(Map<String, String> environment) {
            builder.environment().clear();
            builder.environment().putAll(environment);
            return this;
        }

        /**
         * Starts the child with its stdout and stderr appended to {@code logFile}, after a line that marks where
         * this run's output begins.
         */
        public Process startLogged(Path logFile) {
            try {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                Files.writeString(logFile, "--- started " + Instant.now() + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + program() + " (log: " + logFile + ")", e);
            }
        }

        /**
         * Runs the child to its end, output appended to {@code logFile}; if it exits non-zero, throws with
         * {@code what} failed, the log's path and its last lines, so a failure in CI reads without the file.
         */
        public void runLogged(String what, Path logFile) {
            long earlierRuns = logFile.toFile().length(); // 0 if there is no log yet
            Process process = startLogged(logFile);
            try {
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new IllegalStateException(what + " failed (exit " + exit + "); log: " + logFile
                            + ", its last lines:\n" + tail(logFile, earlierRuns));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + " interrupted (log: " + logFile + ")", e);
            }
        }

        /** Starts the child with its stdout and stderr merged into one pipe: {@link Process#getInputStream()}. */
        public Process startPiped() {
            try {
                return builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + program(), e);
            }
        }

        private String program() {
            return builder.command().getFirst();
        }
    }

    /** The last lines this run wrote to {@code logFile}, which held {@code skip} bytes of earlier runs before. */
    private static String tail(Path logFile, long skip) {
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(skip);
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e + ")";
        }
    }
}
