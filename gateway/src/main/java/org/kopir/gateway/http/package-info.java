/**
 * HTTP plumbing shared by the local and border APIs: the border connector, port separation,
 * request-size limits and embedded Tomcat's directories.
 */
package org.kopir.gateway.http;
