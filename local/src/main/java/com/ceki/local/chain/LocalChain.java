package com.ceki.local.chain;

import com.ceki.core.json.Json;
import com.ceki.ethereum.JdkHttpService;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;

/**
 * The local Ethereum chain (anvil) as a developer and the tests use it: deploy the project's test ERC-20 tokens
 * (USDT a plain one, USDC one with EIP-3009 for x402 payments), send Ether and tokens from anvil's prefunded
 * accounts, mine blocks, snapshot and revert. The private keys here are anvil's published development keys: they
 * hold nothing anywhere else.
 */
public final class LocalChain implements AutoCloseable {

    /** anvil's default accounts 0..9 (well-known development keys of the mnemonic "test test ... junk"). */
    public static final List<String> DEV_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");
    /**
     * The account the local x402 facilitator settles with (it pays the gas). No other code sends from it, so its
     * nonces never collide with the deployer's (account 0) or the tests' transactions.
     */
    public static final int FACILITATOR_ACCOUNT = 9;
    public static final long CHAIN_ID = 31337;
    /** The local chain as a CAIP-2 network, as x402 names it. */
    public static final String NETWORK = "eip155:" + CHAIN_ID;
    /** The EIP-712 domain of the local USDC (TestUsdc.sol): mainnet USDC's, the payment requirements' {@code extra}. */
    public static final String USDC_DOMAIN_NAME = "USD Coin";
    public static final String USDC_DOMAIN_VERSION = "2";
    /** Multicall3's address on public chains (the same everywhere: a keyless deployment). */
    public static final String MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);

    private final JdkHttpService service;
    private final Web3j web3j;

    public LocalChain(String rpcUrl) {
        this.service = new JdkHttpService(rpcUrl);
        this.web3j = Web3j.build(service);
    }

    public Web3j web3j() {
        return web3j;
    }

    /** Deploys {@code tools/contracts/build/TestToken.json} (6 decimals) and returns its address. */
    public String deployToken(Path repoRoot, String name, String symbol, int fromAccount) {
        return deploy(repoRoot, "TestToken", FunctionEncoder.encodeConstructor(List.of(new Utf8String(name), new Utf8String(symbol))),
                fromAccount);
    }

    /**
     * Deploys {@code tools/contracts/build/TestUsdc.json}, the USDC stand-in with EIP-3009 transfers by signed
     * authorization (EIP-712 domain {@link #USDC_DOMAIN_NAME}, {@link #USDC_DOMAIN_VERSION}), and returns its address.
     */
    public String deployUsdc(Path repoRoot, int fromAccount) {
        return deploy(repoRoot, "TestUsdc", "", fromAccount);
    }

    /**
     * Puts the part of Multicall3 the x402 facilitator uses (tools/contracts/Multicall3.sol) at its canonical
     * address, where public chains have it: the facilitator batches the reads that explain a refused payment there.
     */
    public void installMulticall3(Path repoRoot) {
        rpc("anvil_setCode", List.of(MULTICALL3, artifact(repoRoot, "Multicall3").path("deployedBytecode").asText()));
    }

    private String deploy(Path repoRoot, String contract, String encodedConstructor, int fromAccount) {
        String data = artifact(repoRoot, contract).path("bytecode").asText() + encodedConstructor;
        TransactionReceipt receipt = send(fromAccount, null, data, BigInteger.ZERO, BigInteger.valueOf(3_000_000));
        if (!receipt.isStatusOK()) {
            throw new IllegalStateException("Deploying " + contract + " failed: " + receipt.getTransactionHash());
        }
        return receipt.getContractAddress();
    }

    private static JsonNode artifact(Path repoRoot, String contract) {
        try {
            return Json.parse(Files.readString(repoRoot.resolve("tools/contracts/build/" + contract + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException("Build the contracts first (the local stack does: node tools/contracts/build.mjs)", e);
        }
    }

    /** What {@code holder} holds of {@code token} (6 decimals), read from the latest block. */
    public BigDecimal tokenBalance(String token, String holder) {
        Function balanceOf = new Function("balanceOf", List.of(new Address(holder)), List.of(new TypeReference<Uint256>() {}));
        try {
            String result = web3j.ethCall(Transaction.createEthCallTransaction(null, token, FunctionEncoder.encode(balanceOf)),
                    DefaultBlockParameterName.LATEST).send().getValue();
            var decoded = FunctionReturnDecoder.decode(result, balanceOf.getOutputParameters());
            return new BigDecimal((BigInteger) decoded.getFirst().getValue()).movePointLeft(6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mints {@code amount} tokens (6 decimals) to {@code to}; only the deploying account may. */
    public TransactionReceipt mint(String token, String to, BigDecimal amount, int minterAccount) {
        return call(minterAccount, token, "mint", to, amount);
    }

    /** An ERC-20 transfer; it reverts on chain (status 0, no log) when the sender holds too little. */
    public TransactionReceipt transferToken(String token, int fromAccount, String to, BigDecimal amount) {
        return call(fromAccount, token, "transfer", to, amount);
    }

    public TransactionReceipt sendEther(int fromAccount, String to, BigDecimal ether) {
        return send(fromAccount, to, "", ether.movePointRight(18).toBigIntegerExact(), BigInteger.valueOf(21_000));
    }

    public String address(int account) {
        return Credentials.create(DEV_KEYS.get(account)).getAddress();
    }

    public long blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void mine(int blocks) {
        rpc("anvil_mine", List.of("0x" + Integer.toHexString(blocks)));
    }

    public String snapshot() {
        return String.valueOf(rpc("evm_snapshot", List.of()).getResult());
    }

    public void revert(String snapshot) {
        rpc("evm_revert", List.of(snapshot));
    }

    private TransactionReceipt call(int from, String token, String function, String to, BigDecimal amount) {
        Function f = new Function(function, List.of(new Address(to), new Uint256(amount.movePointRight(6).toBigIntegerExact())), List.of());
        // A fixed gas limit: a transfer that reverts is still mined (as a failed transaction), as on mainnet.
        return send(from, token, FunctionEncoder.encode(f), BigInteger.ZERO, BigInteger.valueOf(120_000));
    }

    private TransactionReceipt send(int from, String to, String data, BigInteger value, BigInteger gasLimit) {
        try {
            var manager = new RawTransactionManager(web3j, Credentials.create(DEV_KEYS.get(from)), CHAIN_ID);
            EthSendTransaction sent = manager.sendTransaction(GAS_PRICE, gasLimit, to == null ? "" : to, data, value, to == null);
            if (sent.hasError()) {
                throw new IllegalStateException("Transaction refused: " + sent.getError().getMessage());
            }
            return receipt(sent.getTransactionHash());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** anvil mines at once, but publishes the receipt a moment later. */
    private TransactionReceipt receipt(String txHash) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            var receipt = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted waiting for " + txHash, e);
            }
        }
        throw new IllegalStateException("No receipt for " + txHash + " after 5 s");
    }

    private Response<?> rpc(String method, List<?> params) {
        try {
            Response<?> response = new Request<>(method, params, service, RawResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(method + " failed: " + response.getError().getMessage());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON-RPC response whose result is read as is. */
    public static final class RawResponse extends Response<Object> {}

    @Override
    public void close() {
        web3j.shutdown();
    }
}
