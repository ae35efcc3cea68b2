package com.ceki.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * {@code template.yaml} read the way the local runner and the local stack need it: the table definition, the
 * functions with their handlers, environment and events, and the HTTP API's authorizers. The template is the
 * single source of truth: nothing here restates a route or a key.
 */
public final class SamTemplate {

    /** An HTTP API route of a function: {@code GET /api/agent/agents/{id}}, and its authorizer if any. */
    public record HttpRoute(String method, String path, String authorizer) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /** An SQS event source of a function. */
    public record QueueSource(String queueLogicalId, int batchSize, boolean reportBatchItemFailures) {}

    /** A schedule event of a function ({@code rate(1 minute)}). */
    public record ScheduleSource(String expression) {}

    public record FunctionDef(String logicalId, String handlerClass, Map<String, Object> environment,
                              List<HttpRoute> routes, List<QueueSource> queues, List<ScheduleSource> schedules) {}

    public record AuthorizerDef(String name, String functionLogicalId, List<String> identityHeaders,
                                int resultTtlSeconds, boolean simpleResponses) {}

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> root = new Yaml(new IntrinsicConstructor()).load(reader);
            return new SamTemplate(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = map(resources().get(logicalId));
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("No resource " + logicalId + " in template");
        }
        return resource;
    }

    /** The properties of the only {@code AWS::DynamoDB::Table}. */
    public Map.Entry<String, Map<String, Object>> table() {
        for (var entry : resources().entrySet()) {
            Map<String, Object> resource = map(entry.getValue());
            if ("AWS::DynamoDB::Table".equals(resource.get("Type"))) {
                return Map.entry(entry.getKey(), map(resource.get("Properties")));
            }
        }
        throw new IllegalStateException("template.yaml has no AWS::DynamoDB::Table");
    }

    /** Logical ids of the queues ({@code AWS::SQS::Queue}) and their properties. */
    public Map<String, Map<String, Object>> queues() {
        Map<String, Map<String, Object>> queues = new LinkedHashMap<>();
        resources().forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            if ("AWS::SQS::Queue".equals(resource.get("Type"))) {
                queues.put(id, map(resource.get("Properties")));
            }
        });
        return queues;
    }

    public Map<String, Object> globalEnvironment() {
        return map(map(map(map(root.get("Globals")).get("Function")).get("Environment")).get("Variables"));
    }

    /** Default values of the template's parameters. */
    public Map<String, Object> parameterDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, spec) -> defaults.put(name, map(spec).get("Default")));
        return defaults;
    }

    public List<FunctionDef> functions() {
        List<FunctionDef> functions = new ArrayList<>();
        resources().forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> props = map(resource.get("Properties"));
            String handler = String.valueOf(props.get("Handler"));
            String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            Map<String, Object> env = map(map(props.get("Environment")).get("Variables"));
            List<HttpRoute> routes = new ArrayList<>();
            List<QueueSource> queues = new ArrayList<>();
            List<ScheduleSource> schedules = new ArrayList<>();
            map(props.get("Events")).forEach((eventName, eventValue) -> {
                Map<String, Object> event = map(eventValue);
                Map<String, Object> ep = map(event.get("Properties"));
                switch (String.valueOf(event.get("Type"))) {
                    case "HttpApi" -> routes.add(new HttpRoute(String.valueOf(ep.get("Method")).toUpperCase(),
                            String.valueOf(ep.get("Path")), authorizerOf(ep)));
                    case "SQS" -> queues.add(new QueueSource(refTarget(ep.get("Queue")),
                            ep.get("BatchSize") == null ? 10 : ((Number) ep.get("BatchSize")).intValue(),
                            list(ep.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")));
                    case "Schedule", "ScheduleV2" -> schedules.add(new ScheduleSource(
                            String.valueOf(ep.getOrDefault("Schedule", ep.get("ScheduleExpression")))));
                    default -> throw new IllegalStateException("Unsupported event type in " + id + "." + eventName);
                }
            });
            functions.add(new FunctionDef(id, handlerClass, env, routes, queues, schedules));
        });
        return functions;
    }

    /** The HTTP API's Lambda authorizers, by name. */
    public Map<String, AuthorizerDef> authorizers() {
        Map<String, AuthorizerDef> authorizers = new LinkedHashMap<>();
        resources().forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            if (!"AWS::Serverless::HttpApi".equals(resource.get("Type"))) {
                return;
            }
            map(map(map(resource.get("Properties")).get("Auth")).get("Authorizers")).forEach((name, spec) -> {
                Map<String, Object> a = map(spec);
                Map<String, Object> identity = map(a.get("Identity"));
                List<String> headers = new ArrayList<>();
                list(identity.get("Headers")).forEach(h -> headers.add(String.valueOf(h)));
                Object ttl = identity.get("ReauthorizeEvery");
                authorizers.put(name, new AuthorizerDef(name, refTarget(a.get("FunctionArn")), headers,
                        ttl == null ? 300 : ((Number) ttl).intValue(), Boolean.TRUE.equals(a.get("EnableSimpleResponses"))));
            });
        });
        return authorizers;
    }

    private static String authorizerOf(Map<String, Object> eventProperties) {
        Object authorizer = map(eventProperties.get("Auth")).get("Authorizer");
        return authorizer == null || "NONE".equals(authorizer) ? null : String.valueOf(authorizer);
    }

    /** The logical id an intrinsic points at: {@code !Ref X}, {@code !GetAtt X.Arn}, SAM's {@code !Ref X.Alias}. */
    static String refTarget(Object value) {
        if (value instanceof Intrinsic i) {
            String arg = String.valueOf(i.argument());
            return arg.contains(".") ? arg.substring(0, arg.indexOf('.')) : arg;
        }
        throw new IllegalStateException("Expected !Ref or !GetAtt, got " + value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** Understands the short-form intrinsics ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...). */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Ref", "GetAtt", "Sub", "Join", "If", "Select", "Split", "Equals", "Not",
                    "And", "Or", "FindInMap", "ImportValue", "GetAZs", "Base64", "Condition")) {
                yamlConstructors.put(new Tag("!" + fn), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object argument = switch (node) {
                            case ScalarNode s -> s.getValue();
                            case SequenceNode s -> constructSequence(s);
                            case MappingNode m -> constructMapping(m);
                            default -> null;
                        };
                        return new Intrinsic(fn, argument);
                    }
                });
            }
        }
    }
}
