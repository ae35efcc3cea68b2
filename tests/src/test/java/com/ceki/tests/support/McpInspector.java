package com.ceki.tests.support;

import com.ceki.core.json.Json;
import com.ceki.local.LocalServer;
import com.ceki.local.stack.ChildProcesses;
import com.ceki.local.stack.Tools;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MCP Inspector's CLI (pinned in tools/emulators/package.json), pointed at the local API's {@code /mcp}: the
 * client an agent developer would try the server with. Each run is a child process through {@link ChildProcesses}
 * with its secrets in memory ({@code MCP_INSPECTOR_SECRET_STORE=memory}) and a home of its own, its result written to a
 * file and its output to a log beside it.
 */
public final class McpInspector {

    /** Exit codes of the CLI (its core/cli/error-handler). */
    public static final int OK = 0;
    public static final int TOOL_ERROR = 5;

    private static final long TIMEOUT_SECONDS = 90;
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** One run: its exit code, its result (null when it wrote none) and its output, for messages. */
    public record Run(int exit, JsonNode result, String output) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + output;
        }
    }

    private final Path cli;
    private final Path workDir;
    private final List<String> options = new ArrayList<>();

    private McpInspector(Path cli, Path workDir) {
        this.cli = cli;
        this.workDir = workDir;
    }

    /** The CLI against the test run's local API, installed with the emulators if it is not yet. */
    public static McpInspector local() {
        Path repoRoot = LocalServer.repoRoot();
        Tools.ensureInstalled(repoRoot, repoRoot.resolve(".local/logs"));
        Path cli = repoRoot.resolve("tools/emulators/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js");
        if (!Files.exists(cli)) {
            throw new IllegalStateException("The MCP Inspector is not installed at " + cli);
        }
        McpInspector inspector = new McpInspector(cli, repoRoot.resolve("tests/target/mcp-inspector"));
        inspector.options.addAll(List.of(TestServer.get().baseUrl() + "/mcp", "--transport", "http"));
        return inspector;
    }

    /** The same, sending the agent's key as every request's {@code Authorization} header. */
    public McpInspector withKey(String apiKey) {
        return with("--header", "Authorization: Bearer " + apiKey);
    }

    /** The same with more CLI options ({@code --protocol-era modern}). */
    public McpInspector with(String... more) {
        McpInspector copy = new McpInspector(cli, workDir);
        copy.options.addAll(options);
        copy.options.addAll(List.of(more));
        return copy;
    }

    public Run listTools(String... more) {
        return run(List.of("--method", "tools/list"), more);
    }

    /** {@code arguments}: {@code key=value} pairs, as the CLI's {@code --tool-arg} takes them. */
    public Run callTool(String tool, String... arguments) {
        List<String> call = new ArrayList<>(List.of("--method", "tools/call", "--tool-name", tool));
        if (arguments.length > 0) {
            call.add("--tool-arg");
            call.addAll(List.of(arguments));
        }
        return run(call);
    }

    private Run run(List<String> method, String... more) {
        int n = RUNS.incrementAndGet();
        Path result = workDir.resolve("run-" + n + ".json");
        Path log = workDir.resolve("run-" + n + ".log");
        List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--cli"));
        command.addAll(options);
        command.addAll(method);
        command.addAll(List.of(more));
        command.addAll(List.of("--output", result.toString()));
        try {
            Files.createDirectories(workDir.resolve("home"));
            Files.deleteIfExists(result);
            Process process = ChildProcesses.command(command)
                    .environment("MCP_INSPECTOR_SECRET_STORE", "memory")
                    .environment("HOME", workDir.resolve("home").toString()) // its catalog and state stay here
                    .startLogged(log);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The MCP Inspector did not finish in " + TIMEOUT_SECONDS + " s: "
                        + String.join(" ", command) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = "$ " + String.join(" ", command) + "\n" + Files.readString(log, StandardCharsets.UTF_8);
            JsonNode written = Files.exists(result) ? Json.stored(Files.readString(result, StandardCharsets.UTF_8)) : null;
            return new Run(process.exitValue(), written, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
