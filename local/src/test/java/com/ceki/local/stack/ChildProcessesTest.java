package com.ceki.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child's file descriptors, read from /proc: its standard streams are never this JVM's. */
class ChildProcessesTest {

    @TempDir
    Path dir;

    @Test
    void aLoggedChildReadsDevNullAndWritesOnlyToItsLog() throws Exception {
        Path log = dir.resolve("child.log");
        Process child = ChildProcesses.command(List.of("sleep", "30")).startLogged(log);
        try {
            assertEquals(Path.of("/dev/null"), fd(child, 0));
            assertEquals(log.toRealPath(), fd(child, 1));
            assertEquals(log.toRealPath(), fd(child, 2));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aPipedChildReadsDevNullAndWritesToItsOwnPipe() throws Exception {
        Process child = ChildProcesses.command(List.of("sleep", "30")).startPiped();
        try {
            assertEquals(Path.of("/dev/null"), fd(child, 0));
            assertTrue(fd(child, 1).toString().startsWith("pipe:"), fd(child, 1).toString());
            assertEquals(fd(child, 1), fd(child, 2), "stderr merged into the same pipe");
            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/fd/1")), fd(child, 1), "not this JVM's stdout");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aFailedRunNamesItsLogAndQuotesOnlyThisRunsLastLines() throws Exception {
        Path log = dir.resolve("build.log");
        Files.writeString(log, "an earlier run's output\n");
        var failure = assertThrows(IllegalStateException.class,
                () -> ChildProcesses.command(List.of("bash", "-c", "echo compiling; echo broken >&2; exit 3"))
                        .runLogged("The build", log));
        String message = failure.getMessage();
        assertTrue(message.startsWith("The build failed (exit 3); log: " + log), message);
        assertTrue(message.contains("compiling\nbroken"), message);
        assertFalse(message.contains("earlier run"), message);
    }

    private static Path fd(Process process, int fd) throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/" + process.pid() + "/fd/" + fd));
    }
}
