package org.kopir.gateway.pseudonymization;

/**
 * What the policy needs to know about the message a payload belongs to: its type (selects link-key
 * pointers and the purpose profile) and the sending agency (the scope of {@code pseudonymize}d case
 * references, as for {@code header.caseToken}).
 */
public record PayloadContext(String messageType, String senderCountry, String senderAgency) {}
