package com.ceki.files;

import com.ceki.core.errors.ValidationFailed;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.random.SecureRandoms;
import com.ceki.core.time.Timestamps;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;

/**
 * A person's files: stored under the owner ({@code USER#owner / FILE#<id>}) with an S3 key no one can guess
 * ({@code users/<owner>/<id>/<random>}), so there is nothing to enumerate; reading one is a presigned URL the
 * owner gets when the file is created. Size limits per kind: images 5 MB, videos 50 MB, documents 10 MB.
 */
public final class UserFiles {

    /** The kinds of file and their size limits, in bytes. */
    public enum Kind {
        IMAGE(5L * 1024 * 1024), VIDEO(50L * 1024 * 1024), DOC(10L * 1024 * 1024);

        private final long maxBytes;

        Kind(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A created file with the URLs the owner uses: read ({@code url}), download, and upload for presigned ones. */
    public record Created(StoredFile file, URI url, URI download, URI upload) {}


    private final Table table;
    private final FileStore store;
    private final IdGenerator ids;
    private final Clock clock;

    public UserFiles(Table table, FileStore store, IdGenerator ids, Clock clock) {
        this.table = table;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** Stores bytes sent in the request itself. */
    public Created upload(long userId, Kind kind, String field, String name, byte[] bytes, String contentType) {
        requireSize(kind, field, bytes.length);
        StoredFile file = record(userId, kind, name, bytes.length, contentType, true);
        store.put(file.key(), bytes, contentType);
        save(file);
        return new Created(file, store.presignGet(file.key(), null), store.presignGet(file.key(), file.originalName()), null);
    }

    /** Reserves a file the client uploads itself with the returned presigned PUT (for large files). */
    public Created reserve(long userId, Kind kind, String field, String name, long size, String contentType) {
        requireSize(kind, field, size);
        StoredFile file = record(userId, kind, name, size, contentType, false);
        save(file);
        return new Created(file, store.presignGet(file.key(), null), store.presignGet(file.key(), file.originalName()),
                store.presignPut(file.key(), contentType, size));
    }

    private static void requireSize(Kind kind, String field, long size) {
        if (size > kind.maxBytes()) {
            throw ValidationFailed.of(field, "The " + field.replace('_', ' ') + " field must not be greater than "
                    + kind.maxBytes() / 1024 + " kilobytes.");
        }
        if (size <= 0) {
            throw ValidationFailed.of(field, "The " + field.replace('_', ' ') + " field must not be empty.");
        }
    }

    private StoredFile record(long userId, Kind kind, String name, long size, String contentType, boolean uploaded) {
        long id = ids.next();
        String original = name == null || name.isBlank() ? kind.wire() + "-" + id : name;
        int dot = original.lastIndexOf('.');
        String extension = dot < 0 ? "" : original.substring(dot + 1).toLowerCase(Locale.ROOT);
        String key = "users/" + userId + "/" + id + "/" + Long.toHexString(SecureRandoms.get().nextLong()) + (extension.isEmpty() ? "" : "." + extension);
        return new StoredFile(id, userId, kind.wire(), key, original, extension, size, contentType, uploaded, clock.instant());
    }

    private void save(StoredFile f) {
        table.client().putItem(p -> p.tableName(table.name()).conditionExpression("attribute_not_exists(PK)")
                .item(Item.key(Keys.user(f.userId()), Keys.file(f.id())).s("type", "file").n("id", f.id())
                        .n("user_id", f.userId()).s("kind", f.kind()).s("key", f.key()).s("original_name", f.originalName())
                        .s("extension", f.extension()).n("size", f.size()).s("content_type", f.contentType())
                        .bool("uploaded", f.uploaded()).s("created_at", Timestamps.record(f.createdAt())).map()));
    }

}
