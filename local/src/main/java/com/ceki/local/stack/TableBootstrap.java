package com.ceki.local.stack;

import static com.ceki.local.template.SamTemplate.list;
import static com.ceki.local.template.SamTemplate.map;

import com.ceki.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/** Creates the table exactly as {@code template.yaml} defines it: keys, indexes and TTL, from one definition. */
public final class TableBootstrap {

    private TableBootstrap() {}

    public static void create(DynamoDbClient dynamo, SamTemplate template, String tableName) {
        Map<String, Object> props = template.table().getValue();
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : list(props.get("AttributeDefinitions"))) {
            attributes.add(AttributeDefinition.builder().attributeName((String) map(a).get("AttributeName"))
                    .attributeType((String) map(a).get("AttributeType")).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object g : list(props.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> gsi = map(g);
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName((String) gsi.get("IndexName"))
                    .keySchema(keySchema(gsi.get("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType((String) map(gsi.get("Projection")).get("ProjectionType")).build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(props.get("KeySchema")))
                .billingMode(BillingMode.fromValue(String.valueOf(props.get("BillingMode"))));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        try {
            dynamo.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        Map<String, Object> ttl = map(props.get("TimeToLiveSpecification"));
        if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
            dynamo.updateTimeToLive(u -> u.tableName(tableName).timeToLiveSpecification(
                    t -> t.attributeName((String) ttl.get("AttributeName")).enabled(true)));
        }
    }

    private static List<KeySchemaElement> keySchema(Object spec) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object k : list(spec)) {
            keys.add(KeySchemaElement.builder().attributeName((String) map(k).get("AttributeName"))
                    .keyType((String) map(k).get("KeyType")).build());
        }
        return keys;
    }
}
