package com.ceki.files;

import java.time.Instant;

/** A file's record: who owns it, where it is, what it is. {@code uploaded} is false until a presigned upload is done. */
public record StoredFile(long id, long userId, String kind, String key, String originalName, String extension,
                         long size, String contentType, boolean uploaded, Instant createdAt) {}
