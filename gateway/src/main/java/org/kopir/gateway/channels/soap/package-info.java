/**
 * SOAP intake (Apache CXF, WSDL-first, {@code docs/wsdl/exchange.wsdl}) at {@code /ws/exchange}:
 * SubmitMessage and GetMessageStatus, refusals as SOAP faults carrying the SPEC §10 code, XML
 * parsed with CXF's secure limits.
 */
package org.kopir.gateway.channels.soap;
