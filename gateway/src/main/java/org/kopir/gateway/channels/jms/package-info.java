/**
 * JMS intake: agency systems put envelopes on {@code agency.<agency>.outbox}; every message gets a
 * status notification (accepted or refused with its SPEC §10 code) on {@code
 * agency.<agency>.inbox}, marked with {@code kopirKind=notification}.
 */
package org.kopir.gateway.channels.jms;
