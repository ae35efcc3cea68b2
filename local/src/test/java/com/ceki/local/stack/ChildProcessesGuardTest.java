package com.ceki.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ceki.local.LocalServer;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** No Java source of the project starts a process except through {@link ChildProcesses}. */
class ChildProcessesGuardTest {

    private static final Pattern DIRECT_LAUNCH = Pattern.compile("new\\s+ProcessBuilder\\s*\\(|ProcessBuilder\\s*::\\s*new"
            + "|\\.inheritIO\\s*\\(|Runtime\\.getRuntime\\s*\\(\\s*\\)\\s*\\.exec\\s*\\(");
    private static final Set<String> NOT_SOURCES = Set.of("target", "node_modules", ".git");

    @Test
    void everyLaunchGoesThroughChildProcesses() throws IOException {
        Path root = LocalServer.repoRoot();
        Path helper = root.resolve("local/src/main/java/com/ceki/local/stack/ChildProcesses.java");
        assertTrue(Files.exists(helper), "the helper moved: update this test");
        List<String> sources = new ArrayList<>();
        List<String> bypasses = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                boolean skip = NOT_SOURCES.contains(dir.getFileName().toString());
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.toString().endsWith(".java") && !file.equals(helper)) {
                    sources.add(root.relativize(file).toString());
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (DIRECT_LAUNCH.matcher(lines.get(i)).find()) {
                            bypasses.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertTrue(sources.contains("bench/src/main/java/com/ceki/bench/ChildJvm.java"), "the walk missed modules");
        assertEquals(List.of(), bypasses, "start child processes with ChildProcesses (stdin /dev/null, output to a "
                + "log or a pipe), never directly:\n" + String.join("\n", bypasses));
    }
}
