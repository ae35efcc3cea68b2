package com.ceki.local;

import com.ceki.local.chain.LocalChain;
import com.ceki.local.runner.LocalApi;
import com.ceki.local.runner.LocalEnvironment;
import com.ceki.local.runner.LocalQueues;
import com.ceki.local.runner.LocalRateFeed;
import com.ceki.local.stack.AwsBackend;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.local.stack.LocalFacilitator;
import com.ceki.local.stack.TableBootstrap;
import com.ceki.local.template.SamTemplate;
import com.ceki.storage.Table;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** The whole API served locally: the emulators, the table, and the runner in front of the functions. */
public final class LocalServer implements AutoCloseable {

    private final SamTemplate template;
    private final AwsBackend stack;
    private final LocalApi api;
    private final Map<String, String> environment;
    private final LocalQueues queues;
    private final LocalRateFeed rates;
    private final LocalFacilitator facilitator; // null where no chain runs

    private LocalServer(SamTemplate template, AwsBackend stack, LocalApi api, Map<String, String> environment,
                        LocalQueues queues, LocalRateFeed rates, LocalFacilitator facilitator) {
        this.template = template;
        this.stack = stack;
        this.api = api;
        this.environment = environment;
        this.queues = queues;
        this.rates = rates;
        this.facilitator = facilitator;
    }

    /** Starts the emulators and the API with scheduled functions running; {@code apiPort} 0 picks a free port. */
    public static LocalServer start(Path repoRoot, int apiPort) {
        return start(repoRoot, apiPort, true);
    }

    /** Serves the API in front of {@code backend}, scheduled functions running. */
    public static LocalServer start(Path repoRoot, int apiPort, AwsBackend stack) {
        return start(repoRoot, apiPort, stack, true);
    }

    /**
     * Starts the emulators and the API; {@code apiPort} 0 picks a free port. Scheduled functions run on their
     * local schedule when {@code runSchedules} (tests invoke them instead, to control when they run).
     */
    public static LocalServer start(Path repoRoot, int apiPort, boolean runSchedules) {
        return start(repoRoot, apiPort, EmulatorStack.start(repoRoot, repoRoot.resolve(".local/logs")), runSchedules);
    }

    /** Serves the API in front of {@code backend}, creating the table there; closing the server closes it. */
    public static LocalServer start(Path repoRoot, int apiPort, AwsBackend stack, boolean runSchedules) {
        CompletableFuture<LocalFacilitator> facilitator = CompletableFuture.completedFuture(null);
        try {
            SamTemplate template = SamTemplate.load(repoRoot.resolve("template.yaml"));
            TableBootstrap.create(stack.dynamo(), template, EmulatorStack.TABLE_NAME);
            LocalQueues queues = LocalQueues.create(template, stack.endpoints().sqs());
            createBuckets(template, stack.endpoints().s3());
            Map<String, String> startParameters = new HashMap<>(userTokenKeys());
            if (stack.endpoints().ethereumRpc() != null) {
                // The facilitator needs only the chain: it starts while the contracts are deployed.
                facilitator = CompletableFuture.supplyAsync(() -> LocalFacilitator.start(repoRoot, stack.endpoints().ethereumRpc(),
                        repoRoot.resolve(".local/logs")));
                startParameters.putAll(deployTokens(repoRoot, stack.endpoints().ethereumRpc()));
                startParameters.put("FacilitatorUrl", facilitator.join().url());
            }
            Map<String, String> environment = LocalEnvironment.resolve(template, stack.endpoints(), queues.urls(), startParameters);
            LocalRateFeed rates = LocalRateFeed.start(new Table(EmulatorStack.TABLE_NAME, stack.dynamo()));
            LocalApi api = LocalApi.start(template, apiPort, environment, queues, runSchedules);
            return new LocalServer(template, stack, api, environment, queues, rates, facilitator.join());
        } catch (RuntimeException e) {
            facilitator.thenAccept(started -> {
                if (started != null) {
                    started.close();
                }
            });
            stack.close();
            throw e;
        }
    }

    /**
     * Deploys the stand-ins for USDT (a plain ERC-20) and USDC (with EIP-3009, for x402) to the fresh local chain:
     * template parameters UsdtContract/UsdcContract (and X402Network, the chain's CAIP-2 id); and Multicall3, which
     * the x402 facilitator reads through.
     */
    private static Map<String, String> deployTokens(Path repoRoot, String rpcUrl) {
        try (LocalChain chain = new LocalChain(rpcUrl)) {
            chain.installMulticall3(repoRoot);
            return Map.of("UsdtContract", chain.deployToken(repoRoot, "Tether USD (local)", "USDT", 0),
                    "UsdcContract", chain.deployUsdc(repoRoot, 0), "X402Network", LocalChain.NETWORK);
        }
    }

    /** The template's S3 buckets, by their local names. */
    public static void createBuckets(SamTemplate template, String endpoint) {
        var buckets = template.resources().entrySet().stream()
                .filter(e -> "AWS::S3::Bucket".equals(SamTemplate.map(e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
        if (buckets.isEmpty()) {
            return;
        }
        try (var s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(EmulatorStack.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmulatorStack.ACCESS_KEY, EmulatorStack.SECRET_KEY)))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            for (String id : buckets) {
                String name = LocalEnvironment.bucketName(id);
                try {
                    s3.createBucket(c -> c.bucket(name));
                } catch (BucketAlreadyOwnedByYouException exists) {
                    // a reused backend: fine
                }
            }
        }
    }

    /**
     * A fresh P-256 key for user JWTs, per local run (nothing to leak, nothing to rotate): the private JWK as the
     * signing secret, its public half as the authorizer's key set.
     */
    public static Map<String, String> userTokenKeys() {
        try {
            var key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                    .keyID("local-" + UUID.randomUUID().toString().substring(0, 8)).generate();
            return Map.of("secret:ceki/jwt-signing-key", key.toJSONString(),
                    "JwtVerificationKeys", new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toString());
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("Cannot generate the local JWT key", e);
        }
    }

    /** The checkout this runs from: the nearest directory at or above the working directory with template.yaml. */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No template.yaml at or above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    /** aws-ses-v2-local's web mailbox; {@code /store} is its JSON. */
    public String mailboxUrl() {
        return stack.endpoints().ses();
    }

    public SamTemplate template() {
        return template;
    }

    public AwsBackend stack() {
        return stack;
    }

    public LocalApi api() {
        return api;
    }

    /** The configuration the functions run with (what {@code Config} reads). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The local queues (tests read the dead-letter queue, or send raw messages). */
    public LocalQueues queues() {
        return queues;
    }

    /** The local x402 facilitator's URL (the functions' FACILITATOR_URL); empty where no chain runs. */
    public String facilitatorUrl() {
        return facilitator == null ? "" : facilitator.url();
    }

    @Override
    public void close() {
        rates.close();
        api.close();
        queues.close();
        if (facilitator != null) {
            facilitator.close();
        }
        stack.close();
    }
}
