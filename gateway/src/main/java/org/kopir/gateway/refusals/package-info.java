/**
 * Refusals of submitted messages: one path for every intake channel, audited and counted alike,
 * answered in each channel's own form.
 */
package org.kopir.gateway.refusals;
