/**
 * Push delivery: inbox items of agencies configured under {@code kopir.channels.push} are sent to
 * the agency's webhook or SOAP endpoint, retried by the broker, dead-lettered when they never
 * succeed; such agencies are not served by the REST pull API.
 */
package org.kopir.gateway.channels.push;
