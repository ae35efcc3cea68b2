package com.ceki.users;

import java.time.Instant;

/**
 * A person using the platform. {@code createdBy} is set for contacts another user added who never signed in.
 * {@code skills}, {@code languages} and {@code sallary} (spelled as the reference spells it) are JSON documents.
 */
public record User(long id, String email, String name, String phone, String timezone, String birthdate,
                   String birthtime, String birthcity, String city, String education, String about, String currency,
                   boolean banned, Instant emailVerifiedAt, Long createdBy, Instant createdAt, Instant updatedAt,
                   Long avaId, Long cvId, String skills, String languages, String sallary) {}
