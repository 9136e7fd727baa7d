/** Console sign-in: password check, back-off and temporary lock-out, all of it audited. */
package org.kopir.gateway.console.signin;
