package org.kopir.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The partner's answer to one delivery: a status in HTTP terms (whatever the transport) and the
 * signed receipt, if it sent one.
 */
public record BorderAnswer(int status, JsonNode receipt) {}
