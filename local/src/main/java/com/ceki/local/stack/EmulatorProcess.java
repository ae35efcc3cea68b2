package com.ceki.local.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One emulator server as a child process, started under a small shell watchdog that kills it as soon as this
 * JVM is gone: a test run that crashes, or is killed with SIGKILL, leaves no stray server behind.
 */
final class EmulatorProcess implements AutoCloseable {

    private static final String WATCHDOG = """
            "$@" & child=$!
            trap 'kill $child 2>/dev/null; wait $child 2>/dev/null; exit 0' TERM INT HUP EXIT
            while kill -0 "$WATCHED_PID" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
            """;

    private final String name;
    private final Process process;
    private final int port;

    private EmulatorProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    static EmulatorProcess start(String name, int port, Path logFile, Duration startTimeout, List<String> command) {
        return start(name, port, logFile, startTimeout, command, Map.of());
    }

    /** As above, with {@code environment} added to what the server inherits. */
    static EmulatorProcess start(String name, int port, Path logFile, Duration startTimeout, List<String> command,
                                 Map<String, String> environment) {
        List<String> full = new ArrayList<>(List.of("bash", "-c", WATCHDOG, name));
        full.addAll(command);
        ChildProcesses.Launch launch = ChildProcesses.command(full)
                .environment("WATCHED_PID", Long.toString(ProcessHandle.current().pid()));
        environment.forEach(launch::environment);
        Process process = launch.startLogged(logFile);
        EmulatorProcess emulator = new EmulatorProcess(name, process, port);
        try {
            Ports.awaitListening(name, port, process, startTimeout);
        } catch (RuntimeException e) {
            emulator.close();
            throw new IllegalStateException(e.getMessage() + " (log: " + logFile + ")", e);
        }
        return emulator;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
