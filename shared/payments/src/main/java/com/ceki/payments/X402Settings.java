package com.ceki.payments;

import com.ceki.core.config.Config;
import java.util.Optional;

/**
 * Where and how x402 payments are taken: the facilitator that verifies and settles them ({@code FACILITATOR_URL}),
 * the network as CAIP-2 ({@code X402_NETWORK}, {@code eip155:<chain id>}), the USDC contract ({@code USDC_CONTRACT})
 * with its EIP-712 domain ({@code USDC_EIP712_NAME}, {@code USDC_EIP712_VERSION}: what the client signs under), how
 * long a signed authorization may take ({@code X402_MAX_TIMEOUT_SECONDS}) and the node that settled transfers are
 * read back from ({@code ETH_RPC_URL}). x402 is off when the facilitator, the contract or the node is not configured.
 */
public record X402Settings(String facilitatorUrl, String network, String asset, String assetName, String assetVersion,
                           int maxTimeoutSeconds, String rpcUrl) {

    public static Optional<X402Settings> fromConfig(Config config) {
        Optional<String> facilitator = config.optional("FACILITATOR_URL");
        Optional<String> asset = config.optional("USDC_CONTRACT");
        Optional<String> rpc = config.optional("ETH_RPC_URL");
        if (facilitator.isEmpty() || asset.isEmpty() || rpc.isEmpty()) {
            return Optional.empty();
        }
        String network = config.string("X402_NETWORK", "eip155:1");
        if (!network.matches("eip155:[1-9][0-9]{0,19}")) {
            throw new IllegalStateException("X402_NETWORK must be a CAIP-2 EVM network such as eip155:8453: " + network);
        }
        int timeout = config.integer("X402_MAX_TIMEOUT_SECONDS", 300);
        if (timeout < 30 || timeout > 3600) {
            throw new IllegalStateException("X402_MAX_TIMEOUT_SECONDS must be 30..3600: " + timeout);
        }
        return Optional.of(new X402Settings(facilitator.get().replaceAll("/+$", ""), network, asset.get(),
                config.string("USDC_EIP712_NAME", "USD Coin"), config.string("USDC_EIP712_VERSION", "2"), timeout,
                rpc.get()));
    }
}
