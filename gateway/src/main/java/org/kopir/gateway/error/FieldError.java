package org.kopir.gateway.error;

/** One problem at one place of a document: a JSON pointer (RFC 6901) and a human message. */
public record FieldError(String pointer, String message) {}
