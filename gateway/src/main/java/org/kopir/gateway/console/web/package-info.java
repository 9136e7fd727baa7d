/**
 * Console pages. Every page that shows audit or ledger data records {@code audit.viewed} before it
 * answers; downloads record {@code audit.exported}; operator actions their own event.
 */
package org.kopir.gateway.console.web;
