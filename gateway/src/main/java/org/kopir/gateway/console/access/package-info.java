/**
 * Who may open the console: its own filter chain ahead of the API's (form sign-in, session, CSRF,
 * strict headers, roles per page), agency certificates refused.
 */
package org.kopir.gateway.console.access;
