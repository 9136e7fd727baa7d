/**
 * Alternative border transports (SPEC §9), chosen by {@code kopir.delivery.transport}: SOAP over
 * the border port's mutual TLS ({@code docs/wsdl/border.wsdl}) and JMS request-reply through the
 * partner's broker. Both carry the signed message and receipts byte for byte as the HTTPS border
 * does, and the receiving side runs the same verification, storage and receipt beans as {@code
 * routes/border.yaml} (routes in {@code routes/border-transports.yaml}).
 */
package org.kopir.gateway.transport;
