package com.ceki.users;

import com.ceki.core.errors.NotFound;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.json.Json;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Queries;
import com.ceki.storage.Table;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A user's address book ({@code USER#owner / CONTACT#<user>}) and the people in it: adding someone by email
 * creates their user if needed (a contact who never signed in, editable by whoever created it: {@link CreatedUsers}).
 */
public final class Contacts {

    /** The caller's contacts after adding one, and the user that was found or created. */
    public record Added(List<ObjectNode> contacts, User user) {}

    private final Table table;
    private final UserRepository users;
    private final IdGenerator ids;
    private final Clock clock;

    public Contacts(Table table, UserRepository users, IdGenerator ids, Clock clock) {
        this.table = table;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
    }

    public Added add(long ownerId, String email) {
        long userId = users.findIdByEmail(email).orElseGet(() -> {
            long id = ids.next();
            try {
                users.createContact(id, email, ownerId, clock.instant());
                return id;
            } catch (UserRepository.EmailTaken raced) {
                return users.findIdByEmail(email).orElseThrow();
            }
        });
        if (userId != ownerId) {
            save(ownerId, userId, null, null);
        }
        return new Added(list(ownerId), users.find(userId).orElseThrow());
    }

    /** Saves or relabels a contact; the user must exist. */
    public ObjectNode label(long ownerId, long userId, String label, String description) {
        users.find(userId).orElseThrow(() -> new NotFound("User not found."));
        return save(ownerId, userId, label, description);
    }

    private ObjectNode save(long ownerId, long userId, String label, String description) {
        String now = Timestamps.record(clock.instant());
        var request = UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Item.key(Keys.user(ownerId), Keys.contact(userId)).map())
                .returnValues(ReturnValue.ALL_NEW);
        String update = "SET #type = :type, id = if_not_exists(id, :id), owner_id = :owner, user_id = :user, "
                + "created_at = if_not_exists(created_at, :now), updated_at = :now, last_contact = :now ADD #count :one";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":type", Item.attr("contact"), ":id", Item.attr(ids.next()), ":owner", Item.attr(ownerId),
                ":user", Item.attr(userId), ":now", Item.attr(now), ":one", Item.attr(1)));
        if (label != null) {
            update = update.replace(" ADD", ", label = :label ADD");
            values.put(":label", Item.attr(label));
        }
        if (description != null) {
            update = update.replace(" ADD", ", description = :description ADD");
            values.put(":description", Item.attr(description));
        }
        Item saved = Item.from(table.client().updateItem(request.updateExpression(update)
                .expressionAttributeNames(Map.of("#type", "type", "#count", "count"))
                .expressionAttributeValues(values).build()).attributes());
        return view(saved);
    }

    public List<ObjectNode> list(long ownerId) {
        return Queries.all(table, QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :c)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.user(ownerId)), ":c", Item.attr("CONTACT#")))
                .consistentRead(true).build()).stream().map(Contacts::view).toList();
    }

    private static ObjectNode view(Item c) {
        ObjectNode node = Json.object().put("id", c.number("id")).put("owner_id", c.number("owner_id"))
                .put("user_id", c.number("user_id")).put("label", c.string("label")).put("description", c.string("description"));
        node.putObject("settings");
        node.put("last_contact", c.string("last_contact")).put("count", c.number("count", 0))
                .put("created_at", c.string("created_at")).put("updated_at", c.string("updated_at")).putNull("deleted_at");
        return node;
    }
}
