/**
 * HTTP plumbing shared by the local and border APIs: the border connector, port separation and
 * request-size limits.
 */
package org.kopir.gateway.http;
