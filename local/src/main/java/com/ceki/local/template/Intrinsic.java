package com.ceki.local.template;

/** A CloudFormation intrinsic function as written in YAML short form: {@code !Ref Table}, {@code !Sub '...'}. */
public record Intrinsic(String function, Object argument) {}
