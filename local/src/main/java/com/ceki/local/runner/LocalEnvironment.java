package com.ceki.local.runner;

import com.ceki.local.stack.AwsBackend;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.local.template.Intrinsic;
import com.ceki.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration every function sees locally: the environment variables {@code template.yaml} gives it, with
 * {@code !Ref}s, parameters and secret references resolved to local values, plus the emulator endpoints. All
 * functions share one JVM here, so their variables become system properties ({@code Config} reads those first);
 * two functions giving one variable different values is refused rather than silently mixed.
 */
public final class LocalEnvironment {

    /**
     * Local values of the template's parameters. The xpubs are the published BIP-84 / BIP-44 test vectors of the
     * mnemonic "abandon abandon ... about": never send real funds to these addresses.
     */
    public static final Map<String, String> PARAMETERS = Map.of(
            "BtcNetwork", "regtest",
            "BtcAccountXpub", "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs",
            "EthAccountXpub", "xpub6DCoCpSuQZB2jawqnGMEPS63ePKWkwWPH4TU45Q7LPXWuNd8TMtVxRrgjtEshuqpK3mdhaWHPFsBngh5GFZaM6si3yZdUsT8ddYM3PwnATt",
            "MailFrom", "no-reply@ceki.local",
            // No network here: locally the runner's LocalRateFeed writes the rates; the feed function idles.
            "RateSourceUrl", "",
            // Webhooks to the tests' receivers on 127.0.0.1, retried within seconds rather than hours.
            "AllowLoopbackWebhooks", "true",
            "WebhookRetrySeconds", "1,1,1,1,1,1,1");

    /** Local values of the secrets the template resolves from Secrets Manager / SSM. Not secret: local only. */
    public static final Map<String, String> SECRETS = Map.of(
            "ceki/code-pepper", "local-only-code-pepper-do-not-use-in-production",
            "ceki/webhook-secret-key", "local-only-webhook-secret-key-do-not-use-in-production");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9.:]+)}");
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:(secretsmanager|ssm|ssm-secure):([^}:]+)[^}]*}}");

    private LocalEnvironment() {}

    /** The local name of a template bucket ({@code FilesBucket} is {@code ceki-local-filesbucket}). */
    public static String bucketName(String logicalId) {
        return "ceki-local-" + logicalId.toLowerCase(Locale.ROOT);
    }

    public static Map<String, String> resolve(SamTemplate template, AwsBackend.Endpoints endpoints, Map<String, String> queueUrls) {
        return resolve(template, endpoints, queueUrls, Map.of());
    }

    /** As above, with parameter values known only at start (the token contracts deployed to the local chain). */
    public static Map<String, String> resolve(SamTemplate template, AwsBackend.Endpoints endpoints, Map<String, String> queueUrls,
                                              Map<String, String> startParameters) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", EmulatorStack.REGION);
        env.put("AWS_ACCESS_KEY_ID", EmulatorStack.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", EmulatorStack.SECRET_KEY);
        env.put("DYNAMODB_ENDPOINT", endpoints.dynamodb());
        env.put("SQS_ENDPOINT", endpoints.sqs());
        env.put("SES_ENDPOINT", endpoints.ses());
        env.put("S3_ENDPOINT", endpoints.s3());
        if (endpoints.ethereumRpc() != null) {
            env.put("ETH_RPC_URL", endpoints.ethereumRpc());
        }
        env.put("CLOCK_ADJUSTABLE", "true");
        Map<String, String> fromTemplate = new LinkedHashMap<>();
        Resolver resolver = new Resolver(template, queueUrls, startParameters);
        addAll(fromTemplate, resolver, template.globalEnvironment(), "Globals");
        for (var function : template.functions()) {
            addAll(fromTemplate, resolver, function.environment(), function.logicalId());
        }
        fromTemplate.remove("JAVA_TOOL_OPTIONS"); // JVM flags of a Lambda JVM; meaningless in a shared one
        // Blank template values (the endpoints declared for `sam local`) never hide the local ones.
        fromTemplate.forEach((name, value) -> {
            if (!value.isBlank() || !env.containsKey(name)) {
                env.put(name, value);
            }
        });
        return env;
    }

    private static void addAll(Map<String, String> env, Resolver resolver, Map<String, Object> variables, String owner) {
        variables.forEach((name, value) -> {
            String resolved = resolver.value(value);
            String previous = env.putIfAbsent(name, resolved);
            if (previous != null && !previous.equals(resolved)) {
                throw new IllegalStateException("Environment variable " + name + " of " + owner
                        + " differs from another function's; the local runner shares one JVM and cannot serve both");
            }
        });
    }

    /** Resolves template values ({@code !Ref}, {@code !Sub}, dynamic references) to their local values. */
    private record Resolver(SamTemplate template, Map<String, String> queueUrls, Map<String, String> startParameters) {

        String value(Object value) {
            if (value instanceof Intrinsic intrinsic) {
                return switch (intrinsic.function()) {
                    case "Ref" -> ref(String.valueOf(intrinsic.argument()));
                    case "Sub" -> sub(String.valueOf(intrinsic.argument()));
                    default -> throw new IllegalStateException("Unsupported intrinsic in environment: !" + intrinsic.function());
                };
            }
            return secrets(String.valueOf(value));
        }

        private String ref(String name) {
            if (template.resources().containsKey(name)) {
                String type = String.valueOf(SamTemplate.map(template.resources().get(name)).get("Type"));
                if (type.equals("AWS::DynamoDB::Table")) {
                    return EmulatorStack.TABLE_NAME;
                }
                if (type.equals("AWS::S3::Bucket")) {
                    return bucketName(name);
                }
                if (type.equals("AWS::SQS::Queue") && queueUrls.containsKey(name)) {
                    return queueUrls.get(name);
                }
                throw new IllegalStateException("No local value for !Ref " + name + " (" + type + ")");
            }
            if (startParameters.containsKey(name)) {
                return startParameters.get(name);
            }
            if (PARAMETERS.containsKey(name)) {
                return PARAMETERS.get(name);
            }
            Object fallback = template.parameterDefaults().get(name);
            if (fallback == null) {
                throw new IllegalStateException("No local value for parameter " + name);
            }
            return String.valueOf(fallback);
        }

        private String sub(String text) {
            Matcher m = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(ref(m.group(1))));
            }
            m.appendTail(out);
            return secrets(out.toString());
        }

        /** Dynamic references to secrets: generated at start ({@code secret:<name>}) or fixed local values. */
        private String secrets(String text) {
            Matcher m = DYNAMIC_REFERENCE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String secret = startParameters.getOrDefault("secret:" + m.group(2), SECRETS.get(m.group(2)));
                if (secret == null) {
                    throw new IllegalStateException("No local value for secret " + m.group(2));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(secret));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

}
