package com.ceki.local.stack;

import com.ceki.local.chain.LocalChain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The local x402 facilitator ({@code tools/x402/facilitator.mjs}: {@code @x402/core}'s facilitator with
 * {@code @x402/evm}'s exact scheme) on a free loopback port, verifying and settling EIP-3009 payments on the local
 * chain. It settles with anvil's account {@link LocalChain#FACILITATOR_ACCOUNT}, which pays the gas: the API never
 * holds a key. Started under the emulators' watchdog, so it dies with this JVM; output in {@code facilitator.log}.
 */
public final class LocalFacilitator implements AutoCloseable {

    private final EmulatorProcess process;

    private LocalFacilitator(EmulatorProcess process) {
        this.process = process;
    }

    /** Starts it against the chain at {@code rpcUrl} (anvil, already listening). */
    public static LocalFacilitator start(Path repoRoot, String rpcUrl, Path logDir) {
        int port = Ports.free();
        EmulatorProcess process = EmulatorProcess.start("x402-facilitator", port, logDir.resolve("facilitator.log"),
                Duration.ofSeconds(30), List.of("node", repoRoot.resolve("tools/x402/facilitator.mjs").toString(),
                        "--port", Integer.toString(port), "--rpc", rpcUrl),
                Map.of("FACILITATOR_PRIVATE_KEY", LocalChain.DEV_KEYS.get(LocalChain.FACILITATOR_ACCOUNT)));
        return new LocalFacilitator(process);
    }

    /** Its base URL: {@code POST /verify}, {@code POST /settle}, {@code GET /supported} below it. */
    public String url() {
        return "http://127.0.0.1:" + process.port();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return process.toString();
    }
}
