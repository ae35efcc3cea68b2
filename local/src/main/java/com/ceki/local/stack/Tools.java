package com.ceki.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The emulators and the Solidity compiler pinned in {@code tools/emulators/package-lock.json}, installed with
 * {@code npm ci} on first use and again whenever the lock file changes; and the project's contracts, compiled.
 * Both run through {@link ChildProcesses}, their output in {@code npm-ci.log} and {@code contracts-build.log}.
 */
public final class Tools {

    private final Path dir;

    private Tools(Path dir) {
        this.dir = dir;
    }

    /** Installs and builds what is missing or stale; the logs of doing so go to {@code logDir}. */
    public static Tools ensureInstalled(Path repoRoot, Path logDir) {
        Path dir = repoRoot.resolve("tools/emulators");
        Tools tools = new Tools(dir);
        tools.install(logDir.resolve("npm-ci.log"));
        tools.buildContracts(repoRoot.resolve("tools/contracts"), logDir.resolve("contracts-build.log"));
        return tools;
    }

    /**
     * Compiles the Solidity sources with the pinned solc-js when a build is missing or older than a source (each
     * {@code X.sol} holds the contract {@code X}, built to {@code build/X.json}).
     */
    private synchronized void buildContracts(Path contracts, Path log) {
        try (var files = Files.list(contracts)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".sol")).toList();
            FileTime newestSource = FileTime.fromMillis(0);
            for (Path source : sources) {
                newestSource = max(newestSource, Files.getLastModifiedTime(source));
            }
            boolean upToDate = true;
            for (Path source : sources) {
                String contract = source.getFileName().toString().replaceFirst("\\.sol$", "");
                Path built = contracts.resolve("build/" + contract + ".json");
                upToDate &= Files.exists(built) && Files.getLastModifiedTime(built).compareTo(newestSource) >= 0;
            }
            if (upToDate) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.err.println("[local-stack] compiling the test contracts (log: " + log + ")");
        ChildProcesses.command(List.of("node", contracts.resolve("build.mjs").toString()))
                .runLogged("Compiling the contracts (node tools/contracts/build.mjs)", log);
    }

    private static FileTime max(FileTime a, FileTime b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public Path dynoxide() {
        return executable("node_modules/@dynoxide/linux-x64/dynoxide");
    }

    public Path anvil() {
        return executable("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    }

    public Path s3rver() {
        return dir.resolve("node_modules/s3rver/bin/s3rver.js");
    }

    public Path sesCli() {
        return dir.resolve("node_modules/aws-ses-v2-local/dist/cli.js");
    }

    private Path executable(String relative) {
        Path path = dir.resolve(relative);
        path.toFile().setExecutable(true);
        return path;
    }

    private synchronized void install(Path log) {
        try {
            Path lock = dir.resolve("package-lock.json");
            Path marker = dir.resolve("node_modules/.installed-lock-sha256");
            String wanted = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(lock)));
            if (Files.exists(marker) && Files.readString(marker).trim().equals(wanted)) {
                return;
            }
            System.err.println("[local-stack] installing pinned emulators (npm ci in " + dir + ", log: " + log + ")");
            ChildProcesses.command(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")).directory(dir)
                    .runLogged("npm ci in " + dir, log);
            Files.writeString(marker, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
