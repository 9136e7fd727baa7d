/**
 * What the templates draw: message timelines and charts as geometry for server-rendered SVG, times
 * in the node's zone next to UTC, plural forms per language.
 */
package org.kopir.gateway.console.view;
