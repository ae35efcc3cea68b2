package com.ceki.aws;

import com.ceki.core.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * What every SDK client of a function shares, chosen for cold start: the region and credentials read straight
 * from the Lambda environment (no default-chain probing), the lightweight URL-connection HTTP client set
 * explicitly (no classpath scanning for an implementation), and, locally, the emulator endpoint of each service
 * ({@code DYNAMODB_ENDPOINT}, {@code SES_ENDPOINT}, {@code SQS_ENDPOINT}) with static test credentials.
 */
public final class AwsSettings {

    private final Config config;
    private final Region region;
    private final SdkHttpClient httpClient;

    public AwsSettings(Config config) {
        this.config = config;
        this.region = Region.of(config.string("AWS_REGION", "us-east-1"));
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Applies region, credentials, HTTP client and (locally) the endpoint named by {@code endpointVariable}.
     */
    public <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
            B builder, String endpointVariable, ExecutionInterceptor... interceptors) {
        return configure(builder, endpointVariable, null, interceptors);
    }

    /**
     * As above, with the service's default retry strategy adjusted by {@code retries} (say, to retry what the SDK
     * does not retry by itself); null keeps the default.
     */
    public <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
            B builder, String endpointVariable, Consumer<RetryStrategy.Builder<?, ?>> retries,
            ExecutionInterceptor... interceptors) {
        Optional<String> endpoint = config.optional(endpointVariable);
        builder.region(region).httpClient(httpClient).credentialsProvider(credentials(endpoint.isPresent()));
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(20))
                .executionInterceptors(List.of(interceptors));
        if (retries != null) {
            override.retryStrategy(retries);
        }
        builder.overrideConfiguration(override.build());
        endpoint.map(URI::create).ifPresent(builder::endpointOverride);
        return builder;
    }

    public Region region() {
        return region;
    }

    /** The endpoint override named by {@code endpointVariable}, if any (local emulators). */
    public Optional<URI> endpoint(String endpointVariable) {
        return config.optional(endpointVariable).map(URI::create);
    }

    /** Credentials for a client whose endpoint is named by {@code endpointVariable}. */
    public AwsCredentialsProvider credentialsFor(String endpointVariable) {
        return credentials(config.optional(endpointVariable).isPresent());
    }

    private AwsCredentialsProvider credentials(boolean local) {
        if (local) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.string("AWS_ACCESS_KEY_ID", "local"), config.string("AWS_SECRET_ACCESS_KEY", "local")));
        }
        return EnvironmentVariableCredentialsProvider.create();
    }
}
