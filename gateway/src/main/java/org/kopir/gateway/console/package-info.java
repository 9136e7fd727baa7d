/**
 * The browser console for auditors and operators under {@code /console/} on the local API port:
 * server-rendered pages (Thymeleaf, htmx served from the jar), form sign-in with lock-out, strict
 * headers, and an audit record for every read and every operator action (docs/console.md).
 */
package org.kopir.gateway.console;
